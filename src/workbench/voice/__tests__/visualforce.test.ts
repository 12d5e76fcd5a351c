// The connector page as Visualforce renders it (the package's own .page: merge fields, the static
// resource, the remoting set-up its controller's remote action needs), /apexremote as Visualforce
// answers it, and the contact center configuration Salesforce hands the connector.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCallCenterSettings } from '../../../core/telephony/settings/parse';
import { answerRemoting, type RemoteAction, type RemotingRequest } from '../remotingEndpoint';
import { contactCenterConfig, definitionItems } from '../contactCenterConfig';
import { jsEncode, renderVisualforcePage } from '../visualforcePage';

const context = {
    user: { email: "o'brien@example.com" },
    tokens: { csrf: 'csrf-1', authorization: 'auth-1', vid: '066000000000001AAA' },
    remotingScript: '/jslibrary/1/sfdc/VFRemote.js',
    apiVersion: 65
};

describe('MiVoiceVoiceConnector.page', () => {
    const page = renderVisualforcePage('MiVoiceVoiceConnector', context);

    it('renders its merge fields, its static resource and the remoting its controller needs', () => {
        expect(page.html).toContain(`email: '${jsEncode("o'brien@example.com")}'`);
        expect(page.html).toContain("'VoiceConnectorController.createInboundVoiceCall'");
        expect(page.html).toMatch(/<script src="\/resource\/\d+\/VoiceConnector"><\/script>/);
        expect(page.html).toContain('<script src="/jslibrary/1/sfdc/VFRemote.js"></script>');
        expect(page.html).not.toMatch(/\{!|<apex:/);
        expect(page.resources).toEqual(['VoiceConnector']);
        expect(page.provider.actions.VoiceConnectorController.ms).toEqual([
            {
                name: 'createInboundVoiceCall',
                len: 3,
                ns: '',
                ver: 65,
                csrf: 'csrf-1',
                authorization: 'auth-1'
            }
        ]);
        expect(page.signatures).toEqual({
            'VoiceConnectorController.createInboundVoiceCall': ['String', 'String', 'String']
        });
    });

    it('JSENCODEs as Visualforce does: nothing in a value can end the string or the script', () => {
        expect(jsEncode(`a'b"c\\d</script>`)).toBe('a\\\'b\\"c\\\\d\\u003C/script\\u003E');
    });

    it('refuses a page that uses what the emulation does not render', () => {
        const root = mkdtempSync(join(tmpdir(), 'vf-'));
        for (const dir of ['pages', 'classes', 'staticresources']) mkdirSync(join(root, dir));
        const source = readFileSync(
            resolve(__dirname, '../../../../force-app/main/default/pages/MiVoiceVoiceConnector.page'),
            'utf8'
        );
        writeFileSync(join(root, 'pages', 'Odd.page'), source.replace('</body>', '{!$User.Phone}</body>'));
        writeFileSync(
            join(root, 'classes', 'VoiceConnectorController.cls'),
            readFileSync(
                resolve(__dirname, '../../../../force-app/main/default/classes/VoiceConnectorController.cls')
            )
        );
        writeFileSync(join(root, 'staticresources', 'VoiceConnector.resource-meta.xml'), '');
        expect(() => renderVisualforcePage('Odd', { ...context, forceAppDefault: root })).toThrow(
            'Odd.page uses {!$User.Phone}, which this emulation does not render'
        );
    });
});

describe('/apexremote', () => {
    const page = renderVisualforcePage('MiVoiceVoiceConnector', context);
    const request = (overrides: Partial<RemotingRequest> = {}): RemotingRequest => ({
        action: 'VoiceConnectorController',
        method: 'createInboundVoiceCall',
        data: ['c_1', '+441632960123', '2001'],
        type: 'rpc',
        tid: 3,
        ctx: { csrf: 'csrf-1', vid: '066000000000001AAA', ns: '', ver: 65, authorization: 'auth-1' },
        ...overrides
    });
    const target = (action: RemoteAction = async (args) => ({ status: 'created', args })) => ({
        provider: page.provider,
        signatures: page.signatures,
        actions: { 'VoiceConnectorController.createInboundVoiceCall': action }
    });

    it("answers a batch in Visualforce's shape, an Apex exception as type exception", async () => {
        const answers = await answerRemoting([request(), request({ tid: 4 })], target());
        expect(answers).toEqual([
            expect.objectContaining({
                statusCode: 200,
                type: 'rpc',
                tid: 3,
                ref: false,
                result: expect.any(Object)
            }),
            expect.objectContaining({ statusCode: 200, type: 'rpc', tid: 4 })
        ]);
        const thrown = await answerRemoting(
            request(),
            target(async () => {
                throw new Error('This call was recorded by another agent');
            })
        );
        expect(thrown).toEqual([
            expect.objectContaining({
                statusCode: 400,
                type: 'exception',
                tid: 3,
                message: 'This call was recorded by another agent'
            })
        ]);
    });

    it.each([
        [{ ctx: { ...request().ctx, csrf: 'stolen' } }, 'Remoting request invalid for your session'],
        [{ data: ['c_1', '+441632960123'] }, 'expected 3 parameters, got 2'],
        [{ data: ['c_1', 441632960123, '2001'] }, 'Unable to convert 441632960123 to Apex type String'],
        [{ method: 'deleteEverything' }, 'No remote action VoiceConnectorController.deleteEverything']
    ])('refuses %j', async (overrides, message) => {
        let called = false;
        const [answer] = await answerRemoting(
            request(overrides),
            target(async () => {
                called = true;
                return null;
            })
        );
        expect(answer).toMatchObject({ type: 'exception', message: expect.stringContaining(message) });
        expect(called).toBe(false);
    });
});

it('hands the connector every item of the generated contact center, and the org fields beside them', () => {
    const config = contactCenterConfig({
        suiteHost: 'suite.example.com',
        suitePort: 8204,
        apiKey: 'key',
        myDomain: 'acme',
        organizationId: '00D000000000001AAA',
        user: { id: '005000000000001AAA', username: 'alice@example.com.acme', fullName: 'Alice Agent' }
    });
    const generated = readFileSync(
        resolve(__dirname, '../../../../config/MiVoiceVoice-contactcenter.xml'),
        'utf8'
    );
    expect(Object.keys(config)).toEqual(expect.arrayContaining(Object.keys(definitionItems(generated))));
    expect(config).toMatchObject({
        '/reqGeneralInfo/reqInternalName': 'MiVoiceVoice',
        '/mivoiceSuite/suiteHost': 'suite.example.com',
        isACWAllowed: true,
        scrtUrl: 'https://acme.my.salesforce-scrt.com'
    });
    expect(parseCallCenterSettings(config)).toMatchObject({
        ok: true,
        settings: { suiteHost: 'suite.example.com' }
    });
});
