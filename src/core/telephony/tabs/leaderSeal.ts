// The other tabs take state and calls from the leading tab only. Any script of the origin can post
// on the tab channel, so the leader signs what it broadcasts with a key pair made when it takes the
// lead, and proves the public key is its own by holding a Web Lock named after it while it leads.
// A follower trusts a key once navigator.locks.query() shows that lock held by the same client as
// the leadership lock. The private key never leaves the leader's memory: a script in another tab
// or frame can read the public key, but cannot sign with it. A script that takes the leadership
// lock itself, or runs inside the adapter page, is not stopped by this (docs/security.md).
// WebCrypto, like Web Locks, exists in secure contexts only: without it there are no followers.
import type { DiagnosticsSink } from '../diagnostics';
import type { LockManagerLike } from './leadership';

export interface SealedMessage {
    kind: 'sealed';
    /** The leader's public key (raw P-256, base64url). */
    key: string;
    /** Increases with every message of one leader: a replayed message is refused. */
    seq: number;
    /** When it was sealed (epoch ms): the first message a follower takes from a key must be recent. */
    at: number;
    body: string;
    signature: string;
}

export interface LeaderSeal {
    seal(body: string): Promise<SealedMessage>;
    release(): void;
}

/** A message the current leader sealed; or not, and whether it was one too old to judge. */
export type Opened = { ok: true; body: string } | { ok: false; stale: boolean };

export interface SealVerifier {
    open(message: unknown): Promise<Opened>;
}

const KEY_ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNATURE_ALGORITHM = { name: 'ECDSA', hash: 'SHA-256' } as const;
/** A state message with every call a desk phone can have fits easily. */
const MAX_BODY_CHARS = 256 * 1024;
/**
 * How recent the first message from a new key must be, so that a copy of an old one cannot be
 * played to a tab that just opened. Later messages of that key need only a newer sequence number:
 * a tab the browser froze for a while takes what its leader said meanwhile, in order.
 */
const MAX_FIRST_AGE_MS = 10_000;
const BASE64URL = /^[A-Za-z0-9_-]{1,200}$/;

const keyLockName = (leadershipLock: string, key: string) => `${leadershipLock}.key.${key}`;

function toBase64Url(bytes: ArrayBuffer): string {
    return btoa(String.fromCharCode(...new Uint8Array(bytes)))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

const signedText = (seq: number, at: number, body: string) =>
    new TextEncoder().encode(`${seq}\n${at}\n${body}`);

/** The leader's side: call once leadership is granted, release when it ends. */
export function createLeaderSeal(
    locks: LockManagerLike | undefined,
    leadershipLock: string,
    now: () => number = Date.now,
    diagnostics?: DiagnosticsSink
): LeaderSeal {
    let released = false;
    let releaseLock: (() => void) | undefined;
    let seq = 0;
    const ready = (async () => {
        const pair = await crypto.subtle.generateKey(KEY_ALGORITHM, false, ['sign', 'verify']);
        const key = toBase64Url(await crypto.subtle.exportKey('raw', pair.publicKey));
        if (locks) {
            await new Promise<void>((granted) => {
                locks
                    .request(keyLockName(leadershipLock, key), { mode: 'exclusive' }, () => {
                        granted();
                        return released
                            ? Promise.resolve()
                            : new Promise<void>((resolve) => (releaseLock = resolve));
                    })
                    // Web Locks refused: every tab acts alone, and nobody follows this one.
                    .catch((error: unknown) => {
                        diagnostics?.record('tabs.sealKeyLock', error);
                        granted();
                    });
            });
        }
        return { privateKey: pair.privateKey, key };
    })();
    return {
        async seal(body) {
            const { privateKey, key } = await ready;
            seq += 1;
            const at = now();
            const signature = await crypto.subtle.sign(
                SIGNATURE_ALGORITHM,
                privateKey,
                signedText(seq, at, body)
            );
            return { kind: 'sealed', key, seq, at, body, signature: toBase64Url(signature) };
        },
        release() {
            released = true;
            releaseLock?.();
        }
    };
}

function parseSealed(message: unknown): SealedMessage | undefined {
    if (typeof message !== 'object' || message === null) return undefined;
    const raw = message as Record<string, unknown>;
    if (raw.kind !== 'sealed') return undefined;
    const { key, seq, at, body, signature } = raw;
    if (typeof key !== 'string' || !BASE64URL.test(key)) return undefined;
    if (typeof signature !== 'string' || !BASE64URL.test(signature)) return undefined;
    if (!Number.isSafeInteger(seq) || (seq as number) < 1) return undefined;
    if (typeof at !== 'number' || !Number.isFinite(at)) return undefined;
    if (typeof body !== 'string' || body.length > MAX_BODY_CHARS) return undefined;
    return { kind: 'sealed', key, seq: seq as number, at, body, signature };
}

/** A follower's side. */
export function createSealVerifier(
    locks: LockManagerLike | undefined,
    leadershipLock: string,
    now: () => number = Date.now
): SealVerifier {
    let trusted: { key: string; publicKey: CryptoKey; seq: number } | undefined;

    /** Whether the client holding the leadership lock also holds the lock named after this key. */
    async function heldByLeader(key: string): Promise<boolean> {
        if (!locks?.query) return false;
        const { held = [] } = await locks.query();
        const leader = held.find((lock) => lock.name === leadershipLock)?.clientId;
        return (
            typeof leader === 'string' &&
            leader !== '' &&
            held.some((lock) => lock.name === keyLockName(leadershipLock, key) && lock.clientId === leader)
        );
    }

    return {
        async open(message) {
            const refused = { ok: false, stale: false } as const;
            const sealed = parseSealed(message);
            if (!sealed) return refused;
            const known = trusted?.key === sealed.key ? trusted : undefined;
            if (known && sealed.seq <= known.seq) return refused;
            if (!known && Math.abs(now() - sealed.at) > MAX_FIRST_AGE_MS) return { ok: false, stale: true };
            try {
                const publicKey =
                    known?.publicKey ??
                    (await crypto.subtle.importKey('raw', fromBase64Url(sealed.key), KEY_ALGORITHM, false, [
                        'verify'
                    ]));
                const valid = await crypto.subtle.verify(
                    SIGNATURE_ALGORITHM,
                    publicKey,
                    fromBase64Url(sealed.signature),
                    signedText(sealed.seq, sealed.at, sealed.body)
                );
                if (!valid) return refused;
                if (!known && !(await heldByLeader(sealed.key))) return refused;
                trusted = { key: sealed.key, publicKey, seq: sealed.seq };
                return { ok: true, body: sealed.body };
            } catch {
                // Not a P-256 key or signature: not from a leader of ours.
                return refused;
            }
        }
    };
}
