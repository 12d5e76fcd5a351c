// Stands in for the org's SCRT endpoint (POST /telephony/v1/voiceCalls) and for the Apex behind the
// connector page's remote action (VoiceCallCreator): the same body, one VoiceCall per vendor call
// key, nothing while the setting is off. What a real org answers is only known in an org.

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

export class ScrtEmulator {
    readonly records: VoiceCallRecord[] = [];
    /** Every POST the endpoint received, duplicates included. */
    readonly requests: VoiceCallBody[] = [];
    /** The vendor call key of every call of the connector page's remote action. */
    readonly remoteActionCalls: string[] = [];
    /** The MiVoice Voice Settings custom setting's Create Voice Calls. */
    createVoiceCalls = true;
    contactCenter = 'MiVoiceVoice';

    /** POST /telephony/v1/voiceCalls: 201 with the Id, or 409 for a key that has its VoiceCall. */
    post(body: VoiceCallBody): { status: number; body: unknown } {
        this.requests.push(body);
        if (this.find(body.vendorCallKey))
            return { status: 409, body: { message: 'duplicate vendorCallKey' } };
        const voiceCallId = `0LQ${String(this.records.length + 1).padStart(12, '0')}AAA`;
        this.records.push({ ...body, voiceCallId });
        return { status: 201, body: { voiceCallId } };
    }

    find(vendorCallKey: string): VoiceCallRecord | undefined {
        return this.records.find((record) => record.vendorCallKey === vendorCallKey);
    }

    /** VoiceCallCreator.createInbound, with the SCRT request made through `send`. */
    async createInbound(
        vendorCallKey: string,
        fromNumber: string,
        toNumber: string,
        send: (body: VoiceCallBody) => Promise<{ status: number; body: unknown }>
    ): Promise<{ status: string; voiceCallId: string | null }> {
        this.remoteActionCalls.push(vendorCallKey);
        if (!this.createVoiceCalls) return { status: 'disabled', voiceCallId: null };
        const existing = this.find(vendorCallKey);
        if (existing) return { status: 'existing', voiceCallId: existing.voiceCallId };
        const answer = await send({
            callCenterApiName: this.contactCenter,
            vendorCallKey,
            to: toNumber,
            from: fromNumber,
            initiationMethod: 'Inbound',
            startTime: new Date().toISOString(),
            participants: [{ participantKey: fromNumber, type: 'END_USER' }]
        });
        if (answer.status === 201)
            return { status: 'created', voiceCallId: (answer.body as { voiceCallId: string }).voiceCallId };
        const raced = this.find(vendorCallKey);
        if (raced) return { status: 'existing', voiceCallId: raced.voiceCallId };
        throw new Error(`The Telephony Integration REST API answered ${answer.status}`);
    }

    reset(): void {
        this.records.length = 0;
        this.requests.length = 0;
        this.remoteActionCalls.length = 0;
        this.createVoiceCalls = true;
    }
}
