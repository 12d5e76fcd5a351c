// When the client tries again after losing the Suite (client.ts): back within moments of the Suite,
// without adding to the load of a Suite that is there and refusing.
import type { SuiteError } from './errors';
import type { SuiteClientOptions } from './types';

/** The longest wait between attempts while the Suite is away: short enough that an agent does not notice. */
export const AWAY_CEILING_MS = 1500;

/**
 * How long to wait before reconnect attempt `attempt` (0 first). The first retry after a drop is quick
 * (a restarted Suite is usually back at once); then 1 s, then the ceiling, each ± 20 % so many agents
 * do not retry in step. The ceiling is short (1.5 s) while the Suite does not answer or the link
 * dropped, so the softphone is back within moments of the Suite, at no cost to a Suite that is away;
 * a Suite that answers "too many requests" or with an error gets the long one (30 s), so agents never
 * add to its load.
 */
export function reconnectDelay(
    attempt: number,
    lastError: SuiteError | undefined,
    backoff: SuiteClientOptions['backoff'],
    random: number
): number {
    const away = lastError === undefined || lastError.code === 'suiteUnreachable';
    const { baseMs, maxMs } = backoff ?? { baseMs: 1000, maxMs: away ? AWAY_CEILING_MS : 30_000 };
    const step = attempt === 0 ? baseMs / 4 : Math.min(baseMs * 2 ** (attempt - 1), maxMs);
    return step * (0.8 + 0.4 * random);
}
