import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
    RENEWABLE_ASSERTION_CODES,
    SUITE_ERROR_CODES,
    SuiteError,
    WIRE_ERROR,
    clientErrorCode,
    isSuiteErrorCode,
    suiteError,
    type SuiteErrorCode
} from '../errors';
import * as types from '../types';

/**
 * What the client must make of each wire code, as docs/suite-api.md (Errors) says: the error the
 * agent sees, and whether the client stops retrying until someone fixes something.
 */
const EXPECTED: Record<string, [SuiteErrorCode, 'stops' | 'retries']> = {
    api_key_missing: ['apiKeyMissing', 'stops'],
    api_key_invalid: ['apiKeyRejected', 'stops'],
    api_disabled: ['apiDisabled', 'stops'],
    api_key_not_accepted: ['apiKeyNotAccepted', 'stops'],
    user_not_found: ['userNotFound', 'stops'],
    user_disabled: ['userDisabled', 'stops'],
    licence_required: ['licenceRequired', 'stops'],
    no_primary_extension: ['noPrimaryExtension', 'stops'],
    station_not_found: ['stationNotFound', 'stops'],
    token_invalid: ['sessionExpired', 'retries'],
    token_expired: ['sessionExpired', 'retries'],
    pbx_unavailable: ['pbxLinkDown', 'retries'],
    rate_limited: ['rateLimited', 'retries'],
    invalid_state: ['invalidState', 'retries'],
    device_busy: ['deviceBusy', 'retries'],
    device_unavailable: ['deviceUnavailable', 'retries'],
    call_not_found: ['callNotFound', 'retries'],
    invalid_number: ['invalidNumber', 'retries'],
    assertion_expired: ['assertionRejected', 'stops'],
    assertion_not_yet_valid: ['assertionRejected', 'stops'],
    assertion_replayed: ['assertionRejected', 'stops'],
    assertion_replay_cache_full: ['rateLimited', 'retries'],
    bad_request: ['suiteError', 'retries'],
    not_found: ['suiteError', 'retries'],
    forbidden: ['suiteError', 'retries'],
    bad_frame: ['suiteError', 'retries'],
    internal: ['suiteError', 'retries']
};

const classified = (wireCode: string): [SuiteErrorCode, 'stops' | 'retries'] => {
    const code = clientErrorCode(wireCode);
    return [code, new SuiteError(code).fatal ? 'stops' : 'retries'];
};

describe('the wire error catalogue', () => {
    it('classifies every code in it as the contract says', () => {
        const catalogue = Object.values(WIRE_ERROR);
        expect([...catalogue].sort()).toEqual(Object.keys(EXPECTED).sort());
        for (const wireCode of catalogue)
            expect([wireCode, ...classified(wireCode)]).toEqual([wireCode, ...EXPECTED[wireCode]]);
    });

    it('reads any other code as a generic Suite error that is retried, whatever its text', () => {
        for (const wireCode of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'brand_new', ''])
            expect(classified(wireCode)).toEqual(['suiteError', 'retries']);
    });

    it('reads any other assertion_ code as a refused assertion, and a bounded one only', () => {
        expect(classified('assertion_signature')).toEqual(['assertionRejected', 'stops']);
        expect(classified('assertion_subject')).toEqual(['assertionRejected', 'stops']);
        expect(classified(`assertion_${'x'.repeat(41)}`)).toEqual(['suiteError', 'retries']);
        expect(classified('assertion_Capital')).toEqual(['suiteError', 'retries']);
    });

    it('renews an assertion refused for its timing or reuse only', () => {
        expect([...RENEWABLE_ASSERTION_CODES].sort()).toEqual([
            'assertion_expired',
            'assertion_not_yet_valid',
            'assertion_replayed'
        ]);
    });

    it('is where every error code the simulator sends comes from: none is written out by hand', () => {
        const simulator = join(__dirname, '../../../stand-ins/suite-simulator');
        const names = new Set(Object.keys(WIRE_ERROR));
        let used = 0;
        for (const file of readdirSync(simulator).filter((name) => name.endsWith('.ts'))) {
            const source = readFileSync(join(simulator, file), 'utf8');
            // A code in an error answer or a refusal is never a string literal.
            expect([file, source.match(/\bcode: '[^']*'/g)]).toEqual([file, null]);
            expect([file, source.match(/new ContractError\(\s*\d+,\s*['`]/g)]).toEqual([file, null]);
            for (const [, name] of source.matchAll(/WIRE_ERROR\.(\w+)/g)) {
                expect([file, name, names.has(name)]).toEqual([file, name, true]);
                used++;
            }
        }
        expect(used).toBeGreaterThan(20);
    });
});

describe('the client error codes', () => {
    it('know their own names only', () => {
        for (const code of SUITE_ERROR_CODES) expect(isSuiteErrorCode(code)).toBe(true);
        for (const other of ['constructor', '__proto__', 'api_key_invalid', 'SuiteError', 42, undefined])
            expect(isSuiteErrorCode(other)).toBe(false);
    });

    it('stay where the rest of the softphone imports them from', () => {
        expect(types.SuiteError).toBe(SuiteError);
    });
});

describe('an error about the Suite', () => {
    const at = { host: 'suite.example.com', port: 8204 };

    it('names the host and port first, then what else the message shows', () => {
        const error = suiteError('suiteTooOld', at, { version: '5.1', minimum: '5.2' });
        expect(error).toBeInstanceOf(SuiteError);
        expect(error.params).toEqual({
            host: 'suite.example.com',
            port: '8204',
            version: '5.1',
            minimum: '5.2'
        });
        expect(error.fatal).toBe(true);
        expect(error.panelMessage()).toEqual({ code: 'suiteTooOld', params: error.params });
    });

    it('keeps a detail for the log in its message, and the HTTP status', () => {
        const error = suiteError('suiteUnreachable', at, {}, { detail: 'ECONNREFUSED', status: 502 });
        expect(error.message).toBe('suiteUnreachable: ECONNREFUSED');
        expect(error.status).toBe(502);
        expect(error.params).toEqual({ host: 'suite.example.com', port: '8204' });
        expect(error.fatal).toBe(false);
    });

    it('shows a code without a message of its own as a Suite error naming the code', () => {
        expect(suiteError('deviceBusy', at).panelMessage()).toEqual({
            code: 'suiteError',
            params: { host: 'suite.example.com', port: '8204', detail: 'deviceBusy' }
        });
    });
});
