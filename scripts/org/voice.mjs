// The Salesforce Voice part of `npm run org:scratch -- --voice`: the org-specific metadata the
// package cannot hold (the ConversationVendorInfo needs the Voice licence in the org that deploys
// it; the Named Credential holds the org's SCRT URL), and what only a person can do afterwards.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, sf, SfError } from './sf.mjs';

export const VOICE_SCRATCH_DEFINITION = 'config/project-scratch-def-voice.json';
export const VOICE_PERMISSION_SET = 'Voice_Connector_User';

const TSX = join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** Deploys the ConversationVendorInfo and the Named Credential for the org at `instanceUrl`. */
export function deployVoiceMetadata(alias, instanceUrl) {
    const work = mkdtempSync(join(tmpdir(), 'mivoice-voice-'));
    try {
        const generate = spawnSync(
            process.execPath,
            [TSX, 'scripts/generate-contact-center.ts', '--my-domain', instanceUrl, '--out-dir', work],
            { cwd: ROOT, stdio: 'inherit' }
        );
        if (generate.status !== 0) throw new SfError('generating the contact center files failed');
        const source = join(work, 'unpackaged');
        mkdirSync(source, { recursive: true });
        cpSync(
            join(ROOT, 'unpackaged/ConversationVendorInformation'),
            join(source, 'ConversationVendorInformation'),
            {
                recursive: true
            }
        );
        const mdapi = join(work, 'mdapi');
        sf(['project', 'convert', 'source', '--root-dir', source, '--output-dir', mdapi]);
        sf(['project', 'deploy', 'start', '--metadata-dir', mdapi, '--target-org', alias, '--wait', '15']);
    } finally {
        rmSync(work, { recursive: true, force: true });
    }
}

/** What the admin still does by hand in a Voice org, in order. */
export function voiceTodo() {
    return [
        'Setup → Certificate and Key Management → Create Self-Signed Certificate "MiVoice_Telephony" (the Telephony Integration Certificate).',
        'Setup → Contact Centers → Import config/MiVoiceVoice-contactcenter.xml; fill in the Suite host and API key; upload the certificate MiVoice_Telephony on the contact center.',
        'Setup → Contact Centers → MiVoice Voice → Contact Center Users → add yourself; give yourself the Omni-Channel presence statuses of the voice channel.',
        'Inbound calls get VoiceCalls by default (MiVoice Voice Settings: contact center MiVoiceVoice, certificate MiVoice_Telephony, 120 an hour per agent; proven only in an org): change them under Setup → Custom Settings → MiVoice Voice Settings if you named either differently.',
        'docs/salesforce-voice.md, "Install", has the rest (Omni-Channel routing, the Suite’s CORS for the connector page’s origin).'
    ];
}
