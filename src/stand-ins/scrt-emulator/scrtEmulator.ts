// Stands in for the org's SCRT endpoint (POST /telephony/v1/voiceCalls) and for the Apex behind the
// connector page's remote action (VoiceCallCreator): the same input rules, the package's default
// settings, one claim per vendor call key owned by the agent who asked, the hourly limit per agent,
// and the same body. What a real org answers is only known in an org.
import { shippedVoiceSettings, type VoiceSettings } from './voiceSettings';

export interface VoiceCallBody {
    callCenterApiName: string;
    vendorCallKey: string;
    to: string;
    from: string;
    initiationMethod: string;
    startTime: string;
    participants: { participantKey: string; type: string }[];
}

export interface VoiceCallRecord extends VoiceCallBody {
    voiceCallId: string;
}

/** MiVoice_Voice_Call_Claim__c: a key claimed by one agent, with the VoiceCall it got. */
export interface VoiceCallClaim {
    vendorCallKey: string;
    voiceCallId: string;
    ownerId: string;
    createdAt: number;
}

/** VoiceCallCreator.VoiceCallException: the remote action fails with this message. */
export class ApexException extends Error {}

export type ScrtCallout = (body: VoiceCallBody) => Promise<{ status: number; body: unknown }>;

/** VoiceCallCreator's input rules, by the names of its Pattern constants. */
export const INPUT_RULES = {
    CALL_KEY: /^[\x21-\x7e]{1,255}$/,
    CALLER: /^(\+?[0-9*#]{1,32}|anonymous)$/,
    CALLED: /^[0-9*#]{1,32}$/
};
const HOUR_MS = 3_600_000;
const DEFAULT_MAX_PER_HOUR = 120;

export class ScrtEmulator {
    readonly records: VoiceCallRecord[] = [];
    /** Every POST the endpoint received, duplicates included. */
    readonly requests: VoiceCallBody[] = [];
    /** The vendor call key of every call of the connector page's remote action. */
    readonly remoteActionCalls: string[] = [];
    readonly claims: VoiceCallClaim[] = [];
    /** The org's MiVoice Voice Settings: the package's defaults until a test changes them. */
    settings: VoiceSettings = shippedVoiceSettings();
    now: () => number = Date.now;

    /** POST /telephony/v1/voiceCalls: 201 with the Id, or 409 for a key that has its VoiceCall. */
    post(body: VoiceCallBody): { status: number; body: unknown } {
        this.requests.push(body);
        if (this.records.some((record) => record.vendorCallKey === body.vendorCallKey))
            return { status: 409, body: { message: 'duplicate vendorCallKey' } };
        const voiceCallId = `0LQ${String(this.records.length + 1).padStart(12, '0')}AAA`;
        this.records.push({ ...body, voiceCallId });
        return { status: 201, body: { voiceCallId } };
    }

    /** VoiceCallCreator.createInbound for the user `ownerId`, with the SCRT request made through `send`. */
    async createInbound(
        ownerId: string,
        call: { vendorCallKey: string; fromNumber: string; toNumber: string },
        send: ScrtCallout
    ): Promise<{ status: string; voiceCallId: string | null }> {
        const { vendorCallKey, fromNumber, toNumber } = call;
        this.remoteActionCalls.push(vendorCallKey);
        requireInput(vendorCallKey, fromNumber, toNumber);
        const settings = this.settings;
        if (!settings.createVoiceCalls) return { status: 'disabled', voiceCallId: null };
        if (!settings.contactCenter || !settings.certificate)
            throw new ApexException(
                'MiVoice Voice Settings must name the contact center and its Telephony Integration Certificate'
            );
        const known = this.claimed(ownerId, vendorCallKey);
        if (known) return known;
        this.requireWithinLimit(ownerId, settings);
        const answer = await send({
            callCenterApiName: settings.contactCenter,
            vendorCallKey,
            to: toNumber,
            from: fromNumber,
            initiationMethod: 'Inbound',
            startTime: new Date(this.now()).toISOString(),
            participants: [{ participantKey: fromNumber, type: 'END_USER' }]
        });
        if (answer.status === 200 || answer.status === 201) {
            const voiceCallId = (answer.body as { voiceCallId?: unknown }).voiceCallId;
            if (typeof voiceCallId !== 'string' || !voiceCallId)
                throw new ApexException('The Telephony Integration REST API answered without a voiceCallId');
            return this.claim(ownerId, vendorCallKey, voiceCallId);
        }
        const raced = this.claimed(ownerId, vendorCallKey);
        if (raced) return raced;
        throw new ApexException(`The Telephony Integration REST API answered ${answer.status}`);
    }

    reset(): void {
        this.records.length = 0;
        this.requests.length = 0;
        this.remoteActionCalls.length = 0;
        this.claims.length = 0;
        this.settings = shippedVoiceSettings();
    }

    private claimed(
        ownerId: string,
        vendorCallKey: string
    ): { status: string; voiceCallId: string } | undefined {
        const claim = this.claims.find((candidate) => candidate.vendorCallKey === vendorCallKey);
        if (!claim) return undefined;
        if (claim.ownerId !== ownerId) throw new ApexException('This call was recorded by another agent');
        return { status: 'existing', voiceCallId: claim.voiceCallId };
    }

    private claim(ownerId: string, vendorCallKey: string, voiceCallId: string) {
        const raced = this.claimed(ownerId, vendorCallKey);
        if (raced) return raced;
        this.claims.push({ vendorCallKey, voiceCallId, ownerId, createdAt: this.now() });
        return { status: 'created', voiceCallId };
    }

    private requireWithinLimit(ownerId: string, settings: VoiceSettings): void {
        const perHour = settings.maxVoiceCallsPerHour ?? DEFAULT_MAX_PER_HOUR;
        const since = this.now() - HOUR_MS;
        const recent = this.claims.filter((claim) => claim.ownerId === ownerId && claim.createdAt >= since);
        if (recent.length >= perHour)
            throw new ApexException(
                `At most ${perHour} VoiceCalls an hour may be created for one agent (MiVoice Voice Settings)`
            );
    }
}

function requireInput(vendorCallKey: string, fromNumber: string, toNumber: string): void {
    if (!INPUT_RULES.CALL_KEY.test(vendorCallKey))
        throw new ApexException('The vendor call key must be 1 to 255 printable characters');
    if (!INPUT_RULES.CALLER.test(fromNumber))
        throw new ApexException('The caller number must be digits, * and # (an optional +), or anonymous');
    if (!INPUT_RULES.CALLED.test(toNumber))
        throw new ApexException('The called number must be an extension or hunt group: digits, * and #');
}
