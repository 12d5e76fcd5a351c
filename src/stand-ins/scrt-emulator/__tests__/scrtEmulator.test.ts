// The emulated Apex behind the connector page's remote action starts from the package's defaults and
// keeps VoiceCallCreator's rules: one agent per call key, the VoiceCall Id to that agent alone, an
// hourly limit per agent, made-up input refused before anything is sent.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONTACT_CENTER_NAME } from '../../../voice/contactCenterFiles';
import { ApexException, INPUT_RULES, ScrtEmulator, type VoiceCallBody } from '../scrtEmulator';
import { shippedVoiceSettings } from '../voiceSettings';

const call = { vendorCallKey: 'c_000123_ab12', fromNumber: '+441632960123', toNumber: '2001' };

function emulator() {
    const scrt = new ScrtEmulator();
    const sent: VoiceCallBody[] = [];
    const send = async (body: VoiceCallBody) => {
        sent.push(body);
        return scrt.post(body);
    };
    return { scrt, sent, send };
}

it('ships on, for the contact center the generator writes and the certificate the guide names', () => {
    expect(shippedVoiceSettings()).toEqual({
        createVoiceCalls: true,
        contactCenter: CONTACT_CENTER_NAME,
        certificate: 'MiVoice_Telephony',
        maxVoiceCallsPerHour: 120
    });
});

it('creates a VoiceCall by default and gives it back to the same agent without a second request', async () => {
    const { scrt, sent, send } = emulator();
    await expect(scrt.createInbound('005A', call, send)).resolves.toEqual({
        status: 'created',
        voiceCallId: '0LQ000000000001AAA'
    });
    await expect(scrt.createInbound('005A', call, send)).resolves.toEqual({
        status: 'existing',
        voiceCallId: '0LQ000000000001AAA'
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ callCenterApiName: 'MiVoiceVoice', vendorCallKey: 'c_000123_ab12' });
});

it("refuses another agent's call without its Id", async () => {
    const { scrt, sent, send } = emulator();
    await scrt.createInbound('005A', call, send);
    const refused = scrt.createInbound('005B', call, send);
    await expect(refused).rejects.toThrow(new ApexException('This call was recorded by another agent'));
    expect(sent).toHaveLength(1);
});

it('bounds each agent per hour; an older claim and another agent do not count', async () => {
    const { scrt, sent, send } = emulator();
    scrt.settings = { ...scrt.settings, maxVoiceCallsPerHour: 2 };
    let now = 0;
    scrt.now = () => now;
    await scrt.createInbound('005A', { ...call, vendorCallKey: 'k1' }, send);
    now = 3_700_000;
    await scrt.createInbound('005A', { ...call, vendorCallKey: 'k2' }, send);
    await scrt.createInbound('005B', { ...call, vendorCallKey: 'k3' }, send);
    await scrt.createInbound('005A', { ...call, vendorCallKey: 'k4' }, send);
    await expect(scrt.createInbound('005A', { ...call, vendorCallKey: 'k5' }, send)).rejects.toThrow(
        'At most 2 VoiceCalls an hour'
    );
    expect(sent.map((body) => body.vendorCallKey)).toEqual(['k1', 'k2', 'k3', 'k4']);
});

it.each([
    [{ ...call, vendorCallKey: 'two words' }, 'vendor call key'],
    [{ ...call, fromNumber: 'call me back' }, 'caller number'],
    [{ ...call, toNumber: '2001; or any' }, 'called number']
])('refuses made-up input %j before anything is sent', async (input, what) => {
    const { scrt, sent, send } = emulator();
    await expect(scrt.createInbound('005A', input, send)).rejects.toThrow(what);
    expect(sent).toEqual([]);
});

it('keeps the input rules of VoiceCallCreator.cls', () => {
    const apex = readFileSync(
        resolve(__dirname, '../../../../force-app/main/default/classes/VoiceCallCreator.cls'),
        'utf8'
    );
    for (const [name, rule] of Object.entries(INPUT_RULES)) {
        const declared = new RegExp(`Pattern ${name} = Pattern\\.compile\\('([^']*)'\\)`).exec(apex);
        expect([name, declared?.[1].replace(/\\\\/g, '\\')]).toEqual([name, rule.source]);
    }
});
