// Turns the OAI events of one monitored station into contract v1 calls (docs/suite-api.md, "Call").
// The bridge routes each event here by its Mon_Cross_Ref_ID and its extension fields (./routing.ts);
// only an event of the station's own monitor speaks of its local state, and where an event names
// roles (TR's transferring, transferred and destination stations, CO's parties) the role decides,
// whoever's monitor it came under. Which event means what follows docs/oai-protocol.md; where OAI
// says nothing (a consult's related call), the rule is ours and named.
import type { CallState, SuiteCall } from '../../core/suite/types';
import { createCallIdStore, type StationCallIds } from '../callIds';
import { CallTable, type TrackingListener } from './callTable';
import { causeName, directionOf, stateOf } from './causes';
import type {
    ConferencedEvent,
    DeliveredEvent,
    DivertedEvent,
    EstablishedEvent,
    FailedEvent,
    OaiEvent,
    OriginatedEvent,
    TransferredEvent
} from './events';

export { causeName } from './causes';

export interface OaiCallModelOptions {
    /** The station this model follows. */
    extension: string;
    /** Hunt groups, so a call that came through one says so. */
    huntGroups?: readonly string[];
    now?: () => number;
    /** Where contract call ids are kept (src/bridge/callIds.ts); in memory by default. */
    ids?: StationCallIds;
    /** Told each OAI call the station starts or stops following (an index of who follows what). */
    onTracking?: TrackingListener;
}

const NOBODY = { number: '', name: '' };

export class OaiCallModel {
    private readonly extension: string;
    private readonly huntGroups: ReadonlySet<string>;
    private readonly table: CallTable;
    private dndEnabled = false;
    private online = true;

    constructor(options: OaiCallModelOptions) {
        this.extension = options.extension;
        this.huntGroups = new Set(options.huntGroups ?? []);
        this.table = new CallTable(
            options.ids ?? createCallIdStore().station(options.extension),
            options.now ?? Date.now,
            options.onTracking
        );
    }

    get dnd(): boolean {
        return this.dndEnabled;
    }

    get deviceOnline(): boolean {
        return this.online;
    }

    /** Live calls of the station. */
    calls(): SuiteCall[] {
        return this.table.calls();
    }

    /** The OAI call id a live call of this station is on now (a transfer can move it to another). */
    oaiCallIdOf(callId: string): string | undefined {
        return this.table.oaiCallIdOf(callId);
    }

    /** Whether this station follows the OAI call now. */
    tracks(oaiCallId: string): boolean {
        return this.table.has(oaiCallId);
    }

    /** The OAI calls this station follows now. */
    trackedOaiCallIds(): string[] {
        return this.table.oaiCallIds();
    }

    /** The contract call id of a live OAI call at this station. */
    callIdOf(oaiCallId: string): string | undefined {
        return this.table.get(oaiCallId)?.callId;
    }

    /** A resync is starting: calls it does not report again have ended meanwhile. */
    beginResync(): void {
        this.table.beginResync();
    }

    /** The resync has ended: returns the calls it did not report, now cleared (and any call that changed with them). */
    endResync(): SuiteCall[] {
        return this.table.endResync();
    }

    /**
     * Applies one event; returns the calls it changed, complete, after the change. `own`: it came under
     * this station's monitor, so its Local_Cnx_State is this station's; otherwise (another monitor's
     * id, or one from before a reconnect) only its extension fields say what it means here.
     */
    apply(event: OaiEvent, own = true): SuiteCall[] {
        const here = (extension: string) => extension === this.extension;
        const table = this.table;
        switch (event.code) {
            case 'OR':
                return this.originated(event);
            case 'NT':
                // The call reached a trunk: it goes outside, to the number dialled if the PBX says it.
                return table.update(event.callId, (call) => {
                    call.direction = 'outbound';
                    if (event.dialedNumber) call.remote = { number: event.dialedNumber, name: '' };
                });
            case 'DE':
                return this.delivered(event, own);
            case 'ES':
                return this.established(event, own);
            case 'HE':
                // A held call a resync reports by HE alone (Issue 9.0 `_RR` example) is still this station's.
                return here(event.holdingExt)
                    ? table.upsert(event.callId, 'held', causeName(event.cause ?? 42), () => ({
                          direction: 'internal',
                          remote: NOBODY
                      }))
                    : table.touch(event.callId);
            case 'RE':
                // Retrieved by the other party: nothing changes here (this side was not the one holding).
                return here(event.retrievingExt)
                    ? table.update(event.callId, (call) => setState(call, 'connected', 'retrieved'))
                    : table.touch(event.callId);
            case 'QU':
                if (!own && !here(event.queuedExt)) return table.touch(event.callId);
                return table.upsert(event.callId, 'queued', causeName(event.cause), () => ({
                    direction: directionOf(event.callingDeviceType),
                    remote: {
                        number: event.outsideCallerNumber || event.internalCallingExt,
                        name: event.outsideCallerName
                    }
                }));
            case 'TR':
                return this.transferred(event);
            case 'XC':
                return here(event.clearedExt)
                    ? table.clear(event.callId, this.clearCause(event.callId, event.cause))
                    : [];
            case 'CC':
                return table.clear(event.callId, causeName(event.cause));
            case 'DI':
                return this.diverted(event);
            case 'FA':
                return this.failed(event, own);
            case 'CO':
                return this.conferenced(event);
            case 'DND':
                if (here(event.extension)) this.dndEnabled = event.enabled;
                return [];
            case 'OL':
                if (here(event.extension)) this.online = event.online;
                return [];
            default:
                return [];
        }
    }

    /** This station places a call (Issue 9.0 p. 37): it dials until the far end rings or answers. */
    private originated(event: OriginatedEvent): SuiteCall[] {
        const table = this.table;
        if (event.internalCallingExt !== this.extension || table.has(event.callId))
            return table.touch(event.callId);
        return table.upsert(event.callId, 'dialing', causeName(event.cause), () => ({
            direction: 'internal',
            remote: { number: event.dialedNumber, name: '' },
            relatedCallId: table.heldCallId()
        }));
    }

    /** The diverted-from station leaves the call; where this station dials, it now rings elsewhere. */
    private diverted(event: DivertedEvent): SuiteCall[] {
        const table = this.table;
        if (event.divertedFromExt === this.extension)
            return table.clear(event.callId, causeName(event.cause));
        if (table.get(event.callId)?.state !== 'dialing') return table.touch(event.callId);
        return table.update(event.callId, (call) => {
            call.remote = { number: event.divertedToOutsideNumber || event.newDestinationExt, name: '' };
        });
    }

    private delivered(event: DeliveredEvent, own: boolean): SuiteCall[] {
        const table = this.table;
        const ringingHere = event.alertingExt === this.extension && event.localState === 'A';
        // The caller's own line: it hears the far end ringing. Under another monitor, only if it names us.
        const callingHere =
            event.localState === 'C' &&
            event.alertingExt !== this.extension &&
            (own || event.internalCallingExt === this.extension);
        const group = [event.acdGroup, event.originallyCalledDevice].find((device) =>
            this.huntGroups.has(device)
        );
        if (ringingHere) {
            return table.upsert(event.callId, 'ringing', causeName(event.cause), () => ({
                direction: directionOf(event.callingDeviceType),
                remote: {
                    number: event.outsideCallerNumber || event.internalCallingExt,
                    name: event.outsideCallerName
                },
                huntGroup: group
            }));
        }
        if (!callingHere) return table.touch(event.callId);
        const remote = { number: event.alertingOutsideNumber || event.alertingExt, name: '' };
        const direction = event.alertingDeviceType === 'E' ? 'outbound' : 'internal';
        // A call answered here already (the far end moved by a transfer) stays connected; it rings elsewhere now.
        if (table.get(event.callId)?.answerTime !== undefined)
            return table.update(event.callId, (call) => void (call.remote = remote));
        return table.upsert(
            event.callId,
            'dialing',
            causeName(event.cause),
            () => ({ direction, remote, relatedCallId: table.heldCallId() }),
            (call) => {
                call.remote = remote;
                if (direction === 'outbound') call.direction = direction;
            }
        );
    }

    private established(event: EstablishedEvent, own: boolean): SuiteCall[] {
        const here = (extension: string) => extension === this.extension;
        if (!own && !here(event.answeringExt) && !here(event.internalCallingExt))
            return this.table.touch(event.callId);
        const state = (own ? stateOf(event.localState) : undefined) ?? 'connected';
        const answeredHere = here(event.answeringExt);
        return this.table.upsert(event.callId, state, 'answered', () =>
            answeredHere
                ? {
                      direction: directionOf(event.callingDeviceType),
                      remote: { number: event.outsideCallerNumber || event.internalCallingExt, name: '' }
                  }
                : {
                      direction: event.answeringDeviceType === 'E' ? 'outbound' : 'internal',
                      remote: { number: event.answeringOutsideNumber || event.answeringExt, name: '' }
                  }
        );
    }

    /**
     * TR by role (Issue 9.0 p. 40): the transferring station leaves; the destination takes the call
     * in the state its own line gives (`A` to ring, `H` to hold, `C` answered); every other party
     * keeps its state and now talks to the destination. The line for the transferred party has no
     * Announcement_Call_ID, so its `C` is never read as the destination's.
     */
    private transferred(event: TransferredEvent): SuiteCall[] {
        const table = this.table;
        if (event.transferringExt === this.extension) {
            // Its consult (the announcement call) ends with it, by the transfer, not by the XC that follows.
            const consult = event.announcementCallId;
            return [
                ...(consult ? table.clear(consult, 'transfer', event.destinationExt) : []),
                ...table.clear(event.callId, 'transfer', event.destinationExt)
            ];
        }
        if (event.destinationExt === this.extension) {
            const state = stateOf(event.localState);
            const destinationsLine =
                event.announcementCallId !== '' || state === 'ringing' || state === 'held';
            if (!state || !destinationsLine) return table.touch(event.callId);
            // At a consulted station the announcement call becomes the transferred call: for the agent
            // it is the same conversation, so it keeps its contract id and follows the new OAI call id.
            const remote = {
                number: event.outsideCallerNumber || event.transferredExt,
                name: event.outsideCallerName
            };
            const direction = event.outsideCallerNumber ? 'inbound' : 'internal';
            const moved =
                event.announcementCallId !== '' && table.move(event.announcementCallId, event.callId);
            return table.upsert(
                event.callId,
                state,
                'transfer',
                () => ({ direction, remote }),
                (call) => {
                    if (!moved) return;
                    call.remote = remote;
                    call.direction = direction;
                    delete call.relatedCallId;
                }
            );
        }
        return table.update(event.callId, (call) => {
            call.remote = { number: event.destinationExt, name: '' };
            call.cause = 'transfer';
        });
    }

    /**
     * FA's Failed_Ext is the station that made the call fail (the busy or DND one), not the caller:
     * the caller still hears the call (busy or DND tone) until it hangs up, so its call stays, with
     * the failure as its cause, and ends (XC) with that cause.
     */
    private failed(event: FailedEvent, own: boolean): SuiteCall[] {
        if (!this.table.has(event.callId)) return [];
        const cause = causeName(event.cause);
        if (own && event.localState === 'N') return this.table.clear(event.callId, cause);
        return this.table.update(event.callId, (call) => void (call.cause = cause), cause);
    }

    /**
     * CO (Issue 9.0 p. 27): the station's calls that formed the conference become one call, on the
     * call id the party list gives this station; it keeps the first one's contract id (the primary
     * call's), and the others end with the cause `conference`.
     */
    private conferenced(event: ConferencedEvent): SuiteCall[] {
        const table = this.table;
        const mine =
            event.parties.find((party) => party.extension === this.extension)?.callId || event.primaryCallId;
        const ids = [...new Set([event.primaryCallId, event.secondaryCallId, mine].filter(Boolean))];
        const known = ids.filter((id) => table.has(id));
        const subject = event.subjectExt === this.extension;
        if (known.length === 0) {
            if (!subject) return [];
            return table.upsert(mine, stateOf(event.localState) ?? 'connected', 'conference', () => ({
                direction: 'internal',
                remote: {
                    number: event.controllingExt === this.extension ? '' : event.controllingExt,
                    name: ''
                }
            }));
        }
        const [keeper, ...others] = known;
        const changes = others.flatMap((id) => table.clear(id, 'conference'));
        table.move(keeper, mine);
        const state = subject ? stateOf(event.localState) : undefined;
        return [
            ...changes,
            ...table.update(mine, (call) => {
                if (state) call.state = state;
                call.cause = 'conference';
                delete call.relatedCallId;
            })
        ];
    }

    private clearCause(oaiCallId: string, cause: number | undefined): string {
        // Answered at another member of the group while it rang here.
        if (this.table.get(oaiCallId)?.state === 'ringing' && cause === 35) return 'answeredElsewhere';
        return causeName(cause);
    }
}

function setState(call: SuiteCall, state: CallState, cause: string): void {
    call.state = state;
    call.cause = cause;
}
