// The org-specific Visualforce URL of the adapter page, from the org's My Domain URL.
const PAGE = 'MiVoiceSoftphone';

export function adapterUrl(instanceUrl, namespace = '') {
    const host = new URL(instanceUrl).hostname.toLowerCase();
    const match = /^(.+?)(\.(scratch|sandbox|develop|demo|patch|trailblaze))?\.my\.salesforce\.com$/.exec(
        host
    );
    if (!match) throw new Error(`${instanceUrl} is not a My Domain URL (https://<domain>.my.salesforce.com)`);
    const [, domain, , kind] = match;
    const prefix = namespace || 'c';
    const page = namespace ? `${namespace}__${PAGE}` : PAGE;
    return `https://${domain}--${prefix}${kind ? `.${kind}` : ''}.vf.force.com/apex/${page}`;
}
