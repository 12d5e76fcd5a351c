// The simulated MiVoice Office Application Suite as a phone system behind the contract v1 server
// (src/server/phoneSystem.ts): its users and Phone Manager API licences, the link to the PBX, do not
// disturb, and the call legs (./callLegs.ts); the far end and the PBX link are driven by the control API.
import type { SuiteCall } from '../../core/suite/types';
import { WIRE_ERROR } from '../../core/suite/errors';
import { ContractError } from '../../server/errors';
import type { PhoneSystem, PhoneSystemChange, ServerInfo, SignedInUser } from '../../server/phoneSystem';
import { CallLegs, type FarEndAction, type Leg } from './callLegs';
import type { SimUser, SuiteConfig } from './config';

/**
 * What a PBX dials: digits, * and #, as the softphone sent them. The simulator never cleans a dial
 * string up (no formatting, no +): a softphone that sends one gets the error a real PBX gives.
 */
function isDialString(to: unknown): to is string {
    return typeof to === 'string' && /^[0-9*#]{1,32}$/.test(to);
}

export class SimulatedSuite implements PhoneSystem {
    config: SuiteConfig;
    pbxConnected = true;
    /** Every change, in order; the simulator hands them to the contract server's hub. */
    onChange: (change: PhoneSystemChange) => void = () => undefined;
    readonly counters = {};
    private readonly callLegs: CallLegs;
    private readonly dndOn = new Map<string, boolean>();

    constructor(config: SuiteConfig, now: () => number = Date.now) {
        this.config = config;
        this.callLegs = new CallLegs(
            (extension, call) => this.onChange({ kind: 'call', extension, call }),
            now
        );
    }

    /** Every leg the Suite holds, live and lately ended, by call id. */
    get legs(): Map<string, Leg> {
        return this.callLegs.legs;
    }

    get info(): ServerInfo {
        return {
            product: 'MiVoice Office Application Suite (simulator)',
            version: this.config.version,
            features: ['dnd', 'consultTransfer']
        };
    }

    get linkState(): string {
        return this.pbxConnected ? 'ready' : 'down';
    }

    firstResync(): Promise<void> {
        return Promise.resolve();
    }

    /** Back to a fresh Suite: this configuration, no calls, no DND, the PBX linked (nothing is announced). */
    reset(config: SuiteConfig): void {
        this.config = config;
        this.callLegs.legs.clear();
        this.dndOn.clear();
        this.pbxConnected = true;
    }

    userByEmail(email: string): SimUser | undefined {
        const wanted = email.trim().toLowerCase();
        return this.config.users.find((user) => user.email.toLowerCase() === wanted);
    }

    userByExtension(extension: string): SimUser | undefined {
        return this.config.users.find((user) => user.primaryExtension === extension);
    }

    // ---- Users ---------------------------------------------------------------------------

    /** The Suite's API switch, checked before any key or assertion (./authenticator.ts). */
    requireApiEnabled(): void {
        if (!this.config.apiEnabled)
            throw new ContractError(403, WIRE_ERROR.apiDisabled, 'The Server-Side API is disabled');
    }

    /** A Suite knows its users by email; it has no use for a station an assertion names. */
    signIn({ email }: { email: string }, signedIn: ReadonlySet<string>): SignedInUser {
        this.requireApiEnabled();
        const user = this.userByEmail(email);
        if (!user) throw new ContractError(404, WIRE_ERROR.userNotFound, 'No user has that email');
        if (!user.enabled) throw new ContractError(403, WIRE_ERROR.userDisabled, 'The user is disabled');
        if (!user.licensed)
            throw new ContractError(
                403,
                WIRE_ERROR.licenceRequired,
                'The user has no Phone Manager API licence'
            );
        if (!signedIn.has(user.email) && signedIn.size >= this.config.licencePool)
            throw new ContractError(403, WIRE_ERROR.licenceRequired, 'No Phone Manager API licence is free');
        if (!user.primaryExtension)
            throw new ContractError(409, WIRE_ERROR.noPrimaryExtension, 'The user has no primary extension');
        return { email: user.email, displayName: user.displayName, primaryExtension: user.primaryExtension };
    }

    checkUser(email: string): void {
        const user = this.userByEmail(email);
        if (!user || !user.enabled || !user.licensed)
            throw new ContractError(403, WIRE_ERROR.licenceRequired, 'The user can no longer use the API');
    }

    // ---- Calls ---------------------------------------------------------------------------

    calls(extension: string): SuiteCall[] {
        return this.callLegs.live(extension).map((leg) => this.callLegs.asCall(leg));
    }

    recentCalls(extension: string): SuiteCall[] {
        return this.callLegs.recent(extension).map((leg) => this.callLegs.asCall(leg));
    }

    /** A leg as the contract's call, capabilities included. */
    callOf(leg: Leg): SuiteCall {
        return this.callLegs.asCall(leg);
    }

    dnd(extension: string): boolean {
        return this.dndOn.get(extension) ?? false;
    }

    async makeCall(extension: string, to: string): Promise<string> {
        return this.dial(extension, to, null).callId;
    }

    async consult(extension: string, callId: string, to: string): Promise<string> {
        this.requirePbx();
        const leg = this.callLegs.owned(extension, callId);
        this.callLegs.requireState(leg, ['connected']);
        this.callLegs.change(leg, 'held', 'holdForTransfer');
        return this.dial(extension, to, leg.callId).callId;
    }

    async answer(extension: string, callId: string): Promise<void> {
        const leg = this.command(extension, callId, ['ringing']);
        this.callLegs.connectPair(leg);
    }

    async hold(extension: string, callId: string): Promise<void> {
        this.callLegs.change(this.command(extension, callId, ['connected']), 'held', 'holdIndividual');
    }

    async retrieve(extension: string, callId: string): Promise<void> {
        const leg = this.command(extension, callId, ['held']);
        if (this.callLegs.live(extension).some((other) => other.state === 'connected'))
            throw new ContractError(409, WIRE_ERROR.deviceBusy, 'Another call is connected');
        this.callLegs.change(leg, 'connected', 'retrieved');
    }

    async clear(extension: string, callId: string): Promise<void> {
        this.callLegs.clearPair(this.command(extension, callId), 'normalClear');
    }

    async blindTransfer(extension: string, callId: string, to: string): Promise<void> {
        const leg = this.command(extension, callId, ['connected', 'held']);
        if (!isDialString(to))
            throw new ContractError(400, WIRE_ERROR.invalidNumber, 'The transfer target is not a number');
        leg.transferredTo = to;
        this.callLegs.change(leg, 'cleared', 'transfer');
    }

    async completeTransfer(extension: string, heldCallId: string, consultCallId: string): Promise<void> {
        const held = this.command(extension, heldCallId);
        const consult = this.callLegs.owned(extension, consultCallId);
        if (held.state !== 'held' || consult.state !== 'connected' || consult.relatedCallId !== held.callId)
            throw new ContractError(
                409,
                WIRE_ERROR.invalidState,
                'Attended transfer needs the held call and its connected consult call'
            );
        this.callLegs.transferHeld(held, consult);
    }

    async setDnd(extension: string, enabled: boolean): Promise<void> {
        this.dndOn.set(extension, enabled);
        this.onChange({ kind: 'dnd', extension, enabled });
    }

    // ---- The PBX and the far end (control API) --------------------------------------------

    ringInbound(
        toExtension: string,
        from: { number: string; name: string },
        huntGroup: string | null = null
    ): Leg {
        this.requirePbx();
        if (this.dnd(toExtension))
            throw new ContractError(
                409,
                WIRE_ERROR.deviceBusy,
                `Extension ${toExtension} is in do not disturb`
            );
        return this.callLegs.add({
            extension: toExtension,
            state: 'ringing',
            direction: 'inbound',
            remote: from,
            huntGroup,
            relatedCallId: null,
            cause: 'newCall'
        });
    }

    remote(callId: string, action: FarEndAction): void {
        this.callLegs.farEnd(callId, action);
    }

    /** The link to the PBX lost or back; back, every channel gets a fresh snapshot. */
    setPbxConnected(connected: boolean): void {
        this.pbxConnected = connected;
        this.onChange({ kind: 'link', pbxConnected: connected });
        if (connected) this.onChange({ kind: 'resynced' });
    }

    // ---- Inside --------------------------------------------------------------------------

    private requirePbx(): void {
        if (!this.pbxConnected)
            throw new ContractError(503, WIRE_ERROR.pbxUnavailable, 'The link to the PBX is down');
    }

    /** A command on a live call of `extension`, which must be in one of `states` (if given). */
    private command(extension: string, callId: string, states?: Leg['state'][]): Leg {
        this.requirePbx();
        const leg = this.callLegs.owned(extension, callId);
        if (states) this.callLegs.requireState(leg, states);
        return leg;
    }

    private dial(extension: string, to: unknown, relatedCallId: string | null): Leg {
        this.requirePbx();
        if (!isDialString(to))
            throw new ContractError(
                400,
                WIRE_ERROR.invalidNumber,
                'The number is empty or has characters a phone cannot dial'
            );
        const busy = this.callLegs
            .live(extension)
            .some((leg) => leg.state === 'connected' && leg.callId !== relatedCallId);
        if (busy && !relatedCallId)
            throw new ContractError(409, WIRE_ERROR.deviceBusy, 'The phone is already on a call');
        const peer = this.userByExtension(to);
        const leg = this.callLegs.add({
            extension,
            state: 'dialing',
            direction: peer ? 'internal' : 'outbound',
            remote: { number: to, name: peer?.displayName ?? '' },
            huntGroup: null,
            relatedCallId,
            cause: 'newCall'
        });
        if (peer?.primaryExtension) {
            const peerLeg = this.callLegs.add({
                extension: peer.primaryExtension,
                state: 'ringing',
                direction: 'internal',
                remote: { number: extension, name: this.userByExtension(extension)?.displayName ?? '' },
                huntGroup: null,
                relatedCallId: null,
                cause: 'newCall',
                peerCallId: leg.callId
            });
            leg.peerCallId = peerLeg.callId;
        }
        return leg;
    }
}
