import { parsePhoneWindowIdentity, phoneWindowUrl } from '../phoneWindow';

const identity = (fields: Record<string, unknown>) => ({
    kind: 'mivoice-phone-window-identity',
    email: 'alice@example.com',
    settings: { '/mivoiceSuite/suiteHost': 'pbx.acme.test' },
    ...fields
});

describe('the phone window', () => {
    it("opens the adapter page without Salesforce's frame parameters, marked as the phone window", () => {
        expect(
            phoneWindowUrl(
                'https://acme--c.vf.force.com/apex/MiVoiceSoftphone?sfdcIframeOrigin=https%3A%2F%2Facme.lightning.force.com&mode=Lightning#x'
            )
        ).toBe('https://acme--c.vf.force.com/apex/MiVoiceSoftphone?mivoicePhoneWindow=1');
    });

    it('takes the agent and the settings from a well-formed answer', () => {
        expect(parsePhoneWindowIdentity(identity({}))).toEqual({
            email: 'alice@example.com',
            settings: { '/mivoiceSuite/suiteHost': 'pbx.acme.test' }
        });
    });

    it.each<[string, unknown]>([
        ['not an object', 'alice@example.com'],
        ['another kind', identity({ kind: 'mivoice-phone-window-hello' })],
        ['no email', identity({ email: '' })],
        ['an email that is not text', identity({ email: 42 })],
        ['an overlong email', identity({ email: `${'a'.repeat(250)}@example.com` })],
        ['settings that are a list', identity({ settings: [] })],
        ['no settings', identity({ settings: null })],
        ['oversized settings', identity({ settings: { '/x': 'y'.repeat(70_000) } })]
    ])('ignores an answer with %s', (_case, data) => {
        expect(parsePhoneWindowIdentity(data)).toBeUndefined();
    });
});
