// Reading one field of a PBX line (docs/oai-protocol.md, "Events"). A field is refused only when
// reading it would make the bridge act wrongly (an unknown connection state, a cause that is not a
// number); blanks and spaces around numbers are read, since the manual prints both.

export const LOCAL_CONNECTION_STATES = ['N', 'I', 'A', 'C', 'H', 'F', 'Q'] as const;
/** N null, I initiate (dialtone), A alerting, C connected, H hold, F failed, Q queued. */
export type LocalConnectionState = (typeof LOCAL_CONNECTION_STATES)[number];

/**
 * `state` a Local_Cnx_State; `stateOrBlank` one that may be blank (XC to the party that stays, Issue
 * 9.0 p. 29); `cause` a two-digit Event_Cause or blank; `number` a decimal; `flag` 0 or 1.
 */
export type FieldKind = 'text' | 'state' | 'stateOrBlank' | 'cause' | 'number' | 'flag';
export type FieldSpec = readonly [name: string, kind: FieldKind];

export type Parsed = { ok: true; value: unknown } | { ok: false; detail: string };

export function parseField(raw: string, kind: FieldKind): Parsed {
    switch (kind) {
        case 'text':
            return { ok: true, value: raw };
        case 'stateOrBlank':
            if (raw.trim() === '') return { ok: true, value: undefined };
            return parseState(raw);
        case 'state':
            return parseState(raw);
        case 'cause': {
            const value = raw.trim();
            if (value === '') return { ok: true, value: undefined };
            return /^\d{1,2}$/.test(value)
                ? { ok: true, value: Number(value) }
                : { ok: false, detail: `event cause ${JSON.stringify(raw)}` };
        }
        case 'number': {
            const value = raw.trim();
            return /^\d{1,6}$/.test(value)
                ? { ok: true, value: Number(value) }
                : { ok: false, detail: `number ${JSON.stringify(raw)}` };
        }
        case 'flag':
            return raw === '0' || raw === '1'
                ? { ok: true, value: raw === '1' }
                : { ok: false, detail: `flag ${JSON.stringify(raw)}` };
    }
}

function parseState(raw: string): Parsed {
    const value = raw.trim();
    return (LOCAL_CONNECTION_STATES as readonly string[]).includes(value)
        ? { ok: true, value }
        : { ok: false, detail: `local connection state ${JSON.stringify(raw)}` };
}

/** `Vxx.yy` as a number xx·100 + yy (V05.10 → 510, V10.20 → 1020); undefined if not that form. */
export function protocolLevel(version: string): number | undefined {
    const match = /^V?(\d{1,2})\.(\d{1,2})/.exec(version.trim());
    if (!match) return undefined;
    const minor = match[2].length === 1 ? Number(match[2]) * 10 : Number(match[2]);
    return Number(match[1]) * 100 + minor;
}
