// What each of the simulated Suite's own control requests takes (docs/suite-api.md, "Simulator control
// API"), checked before anything happens: a body that is not what the route needs is refused with a
// 400 that names the route, the body it needs and what is wrong, and rings no phone.
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { WIRE_ERROR } from '../../core/suite/errors';
import { ContractError } from '../../server/errors';
import type { SimUser } from './config';

const EXTENSION = '^[0-9]{1,8}$';

const nothing = { type: 'object', additionalProperties: false, properties: {} } as const;

const inbound = {
    type: 'object',
    additionalProperties: false,
    required: ['toExtension', 'from'],
    properties: {
        toExtension: { type: 'string', pattern: EXTENSION },
        from: {
            type: 'object',
            additionalProperties: false,
            required: ['number'],
            properties: {
                // Any text: the simulator plays a phone system that may send a hostile caller.
                number: { type: 'string' },
                name: { type: 'string' }
            }
        },
        huntGroup: { type: ['string', 'null'], pattern: EXTENSION }
    }
} as const;

const config = {
    type: 'object',
    additionalProperties: false,
    properties: {
        heartbeatSec: { type: 'number' },
        resumeWindowSec: { type: 'number' },
        tokenTtlSec: { type: 'number' },
        allowedOrigins: { type: 'array', items: { type: 'string' } },
        version: { type: 'string', minLength: 1 },
        apiEnabled: { type: 'boolean' },
        apiKeys: {
            type: 'array',
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['key', 'enabled'],
                properties: { key: { type: 'string' }, enabled: { type: 'boolean' } }
            }
        },
        licencePool: { type: 'integer', minimum: 0 },
        maxSessionsPerUser: { type: 'integer', minimum: 1, maximum: 100 },
        users: {
            type: 'array',
            items: {
                type: 'object',
                additionalProperties: false,
                required: ['email', 'displayName', 'primaryExtension', 'licensed', 'enabled'],
                properties: {
                    email: { type: 'string', minLength: 3 },
                    displayName: { type: 'string' },
                    primaryExtension: { type: ['string', 'null'], pattern: EXTENSION },
                    licensed: { type: 'boolean' },
                    enabled: { type: 'boolean' },
                    huntGroups: { type: 'array', items: { type: 'string', pattern: EXTENSION } }
                }
            }
        }
    }
} as const;

/** Each route of the Suite's own controls: its body schema and how the body is written. */
const ROUTES = {
    reset: { route: 'POST /_sim/reset', needs: 'no body (or {})', schema: nothing },
    config: {
        route: 'PUT /_sim/config',
        needs: 'any of {heartbeatSec, resumeWindowSec, tokenTtlSec, allowedOrigins, version, apiEnabled, apiKeys, licencePool, maxSessionsPerUser, users}',
        schema: config
    },
    inbound: {
        route: 'POST /_sim/calls/inbound',
        needs: '{"toExtension": "2001", "from": {"number": "+441632960123", "name": "Pat Caller"}, "huntGroup": null}',
        schema: inbound
    },
    farEnd: { route: 'POST /_sim/calls/{id}/<action>', needs: 'no body (or {})', schema: nothing },
    pbx: {
        route: 'PUT /_sim/pbx',
        needs: '{"connected": true|false}',
        schema: {
            type: 'object',
            additionalProperties: false,
            required: ['connected'],
            properties: { connected: { type: 'boolean' } }
        }
    },
    dnd: {
        route: 'PUT /_sim/users/{email}/dnd',
        needs: '{"enabled": true|false}',
        schema: {
            type: 'object',
            additionalProperties: false,
            required: ['enabled'],
            properties: { enabled: { type: 'boolean' } }
        }
    }
} as const;

export type ControlRoute = keyof typeof ROUTES;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
const validators = new Map<ControlRoute, ValidateFunction>(
    (Object.keys(ROUTES) as ControlRoute[]).map((name) => [name, ajv.compile(ROUTES[name].schema)])
);

/** One ajv error as a person reads it: `from.number is missing`, `huntGroup must be …`. */
function describe(error: ErrorObject): string {
    const at = error.instancePath.slice(1).replace(/\//g, '.');
    const field = (name: string) => (at ? `${at}.${name}` : name);
    switch (error.keyword) {
        case 'required':
            return `${field(String(error.params.missingProperty))} is missing`;
        case 'additionalProperties':
            return `${field(String(error.params.additionalProperty))} is not a field this request takes`;
        case 'pattern':
            return `${at} "${String(error.data)}" is not an extension (digits)`;
        default:
            return `${at || 'the body'} ${error.message ?? 'is not valid'}`;
    }
}

function refuse(route: ControlRoute, problems: string[]): never {
    const { route: name, needs } = ROUTES[route];
    throw new ContractError(
        400,
        WIRE_ERROR.badRequest,
        `${name} needs ${needs}: ${[...new Set(problems)].join('; ')}`
    );
}

/** Throws a 400 naming what is wrong unless `body` is what `route` takes. */
export function requireBody(route: ControlRoute, body: unknown): void {
    const validate = validators.get(route) as ValidateFunction;
    if (!validate(body)) refuse(route, (validate.errors ?? []).map(describe));
}

/** An inbound call must ring somebody: a user's primary extension, in the hunt group it names. */
export function requireCallee(
    toExtension: string,
    huntGroup: string | null,
    user: SimUser | undefined
): void {
    if (!user) refuse('inbound', [`no user has extension ${toExtension}, so the call would ring nobody`]);
    if (huntGroup !== null && !(user.huntGroups ?? []).includes(huntGroup))
        refuse('inbound', [`extension ${toExtension} is not in hunt group ${huntGroup}`]);
}
