// The bridge's configuration file as a JSON schema: what is checked at start, the defaults filled in,
// and each setting's description. `--help` and docs/oai-bridge.md are generated from, or checked
// against, this one schema, so they cannot drift from what the bridge reads.

import { clientLimitsSchema } from './clientLimits';

const EXTENSION = '^[0-9]{1,8}$';

export const directorySchema = {
    type: 'array',
    maxItems: 10000,
    description:
        'for API-key mode: email, display name and primary extension of each agent (with assertions, Salesforce signs the station)',
    items: {
        type: 'object',
        additionalProperties: false,
        required: ['email', 'displayName', 'primaryExtension'],
        properties: {
            email: { type: 'string', pattern: '^[^@\\s]+@[^@\\s]+$', maxLength: 254 },
            displayName: { type: 'string', minLength: 1, maxLength: 64 },
            primaryExtension: { anyOf: [{ type: 'string', pattern: EXTENSION }, { type: 'null' }] },
            enabled: { type: 'boolean' }
        }
    }
} as const;

export const configSchema = {
    type: 'object',
    additionalProperties: false,
    required: ['tls', 'allowedOrigins', 'auth', 'oai'],
    properties: {
        listen: {
            type: 'object',
            additionalProperties: false,
            properties: {
                host: {
                    type: 'string',
                    minLength: 1,
                    default: '0.0.0.0',
                    description: 'the address the contract server listens on (HTTPS and WSS on one port)'
                },
                port: {
                    type: 'integer',
                    minimum: 0,
                    maximum: 65535,
                    default: 8204,
                    description: 'its port'
                }
            },
            default: {}
        },
        tls: {
            type: 'object',
            additionalProperties: false,
            required: ['certFile', 'keyFile'],
            properties: {
                certFile: {
                    type: 'string',
                    minLength: 1,
                    description:
                        'PEM certificate (with its chain) for the name agents use; relative to the file'
                },
                keyFile: { type: 'string', minLength: 1, description: "the certificate's PEM private key" },
                caFile: {
                    type: 'string',
                    minLength: 1,
                    description:
                        'intermediate CA certificates (PEM) sent after certFile, if certFile lacks them'
                },
                watchSec: {
                    type: 'integer',
                    minimum: 0,
                    maximum: 86400,
                    default: 60,
                    description:
                        'how often the files are checked for a renewal, served without a restart (0: on SIGHUP only)'
                }
            }
        },
        allowedOrigins: {
            type: 'array',
            minItems: 1,
            description:
                "the org's Visualforce origins (https://…--c.vf.force.com): CORS and the WebSocket Origin",
            items: { type: 'string', pattern: '^https://[A-Za-z0-9.-]+(:[0-9]{1,5})?$' }
        },
        auth: {
            type: 'object',
            additionalProperties: false,
            properties: {
                apiKeys: {
                    type: 'array',
                    items: { type: 'string', minLength: 8, maxLength: 256 },
                    default: [],
                    description: 'keys accepted in X-Api-Key, 8 to 256 characters; use 32 or more random ones'
                },
                assertion: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['issuer', 'audience', 'certificateFile'],
                    description:
                        'signed per-user assertions from Salesforce are accepted (off when left out)',
                    properties: {
                        issuer: {
                            type: 'string',
                            pattern: '^00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?$',
                            description: 'the org Id (15 or 18 characters)'
                        },
                        audience: {
                            type: 'string',
                            minLength: 1,
                            maxLength: 256,
                            description: "this bridge as the call center's Bridge Audience names it"
                        },
                        certificateFile: {
                            type: 'string',
                            minLength: 1,
                            description: 'the certificate exported from Certificate and Key Management (PEM)'
                        },
                        clockSkewSec: {
                            type: 'integer',
                            minimum: 0,
                            maximum: 300,
                            default: 30,
                            description: 'clock tolerance'
                        },
                        maxLifetimeSec: {
                            type: 'integer',
                            minimum: 30,
                            maximum: 3600,
                            default: 300,
                            description: 'the longest validity an assertion may claim'
                        }
                    }
                },
                legacyApiKeys: {
                    type: 'boolean',
                    default: false,
                    description:
                        'with assertion set, accept apiKeys as well: anyone with a key can open a session as any agent in the directory'
                }
            }
        },
        oai: {
            type: 'object',
            additionalProperties: false,
            required: ['host', 'port'],
            properties: {
                host: {
                    type: 'string',
                    minLength: 1,
                    description: "the PBX's (or CT Gateway's) OAI address"
                },
                port: { type: 'integer', minimum: 1, maximum: 65535, description: 'its OAI port' },
                password: {
                    type: 'string',
                    maxLength: 64,
                    default: '',
                    description: 'the OAI login password'
                },
                applicationName: {
                    type: 'string',
                    pattern: '^[A-Za-z0-9 _.-]{1,32}$',
                    default: 'mivoice-oai-bridge',
                    description: 'the application name sent at login'
                },
                huntGroups: {
                    type: 'array',
                    items: { type: 'string', pattern: EXTENSION },
                    default: [],
                    description: 'hunt groups to monitor, so a call says which group it came through'
                },
                keepAliveMs: {
                    type: 'integer',
                    minimum: 1000,
                    maximum: 240000,
                    default: 30000,
                    description: "_NO period; below the PBX's keep-alive timer (4.5 minutes by default)"
                },
                confirmationTimeoutMs: {
                    type: 'integer',
                    minimum: 100,
                    maximum: 60000,
                    default: 5000,
                    description: 'how long a command waits for its confirmation before pbx_unavailable'
                }
            }
        },
        sessions: {
            type: 'object',
            additionalProperties: false,
            properties: {
                heartbeatSec: {
                    type: 'integer',
                    minimum: 1,
                    maximum: 300,
                    default: 20,
                    description: 'ping period on the event channel'
                },
                resumeWindowSec: {
                    type: 'integer',
                    minimum: 0,
                    maximum: 3600,
                    default: 120,
                    description: 'how long events are kept for a resume (at most 500 per session)'
                },
                tokenTtlSec: {
                    type: 'integer',
                    minimum: 60,
                    maximum: 86400,
                    default: 28800,
                    description: 'session lifetime'
                },
                maxChannelsPerUser: {
                    type: 'integer',
                    minimum: 1,
                    maximum: 50,
                    default: 5,
                    description: 'event channels per user; one more is closed with 4029'
                }
            },
            default: {}
        },
        limits: {
            type: 'object',
            additionalProperties: false,
            properties: {
                bodyBytes: {
                    type: 'integer',
                    minimum: 1024,
                    maximum: 1048576,
                    default: 16384,
                    description: 'request body limit (413 above it)'
                },
                frameBytes: {
                    type: 'integer',
                    minimum: 1024,
                    maximum: 1048576,
                    default: 65536,
                    description: 'WebSocket frame limit (the channel is closed with 1009 above it)'
                },
                requestsPerMinute: {
                    type: 'integer',
                    minimum: 1,
                    maximum: 100000,
                    default: 600,
                    description: 'per signed-in user, per client address before sign-in (429 above it)'
                }
            },
            default: {}
        },
        metrics: {
            type: 'object',
            additionalProperties: false,
            properties: {
                allowFrom: {
                    type: 'array',
                    maxItems: 100,
                    items: { type: 'string', minLength: 2, maxLength: 64 },
                    default: ['127.0.0.1', '::1'],
                    description: 'addresses or CIDR ranges that may read /metrics without a token'
                },
                token: {
                    type: 'string',
                    minLength: 16,
                    maxLength: 256,
                    description: 'a bearer token that lets any address read /metrics (off when left out)'
                }
            },
            default: {}
        },
        clients: clientLimitsSchema,
        directory: { ...directorySchema, default: [] },
        state: {
            type: 'object',
            additionalProperties: false,
            properties: {
                callIdsFile: {
                    type: 'string',
                    minLength: 1,
                    description: 'where the call ids of live calls are kept over a restart (none: in memory)'
                }
            },
            default: {}
        },
        log: {
            type: 'object',
            additionalProperties: false,
            properties: {
                level: {
                    enum: ['fatal', 'error', 'warn', 'info', 'debug'],
                    default: 'info',
                    description: 'fatal, error, warn, info or debug'
                }
            },
            default: {}
        }
    }
} as const;

export interface ConfigKey {
    /** `oai.keepAliveMs` */
    key: string;
    required: boolean;
    /** JSON of the default, or undefined when there is none. */
    defaultValue?: string;
    description: string;
}

interface SchemaNode {
    type?: string;
    properties?: Record<string, SchemaNode>;
    required?: readonly string[];
    default?: unknown;
    description?: string;
    items?: SchemaNode;
}

/** Every setting the file may hold, in the schema's order: a leaf, an array, or an object with a description of its own. */
export function configKeys(
    node: SchemaNode = configSchema as unknown as SchemaNode,
    prefix = ''
): ConfigKey[] {
    const keys: ConfigKey[] = [];
    for (const [name, child] of Object.entries(node.properties ?? {})) {
        const key = prefix ? `${prefix}.${name}` : name;
        const required = (node.required ?? []).includes(name);
        if (child.type === 'object' && child.properties && !child.description) {
            keys.push(...configKeys(child, key));
            continue;
        }
        keys.push({
            key,
            required,
            ...(child.default === undefined ? {} : { defaultValue: JSON.stringify(child.default) }),
            description: child.description ?? ''
        });
        // An optional section (auth.assertion) lists its own settings after its line.
        if (child.type === 'object' && child.properties) keys.push(...configKeys(child, key));
    }
    return keys;
}
