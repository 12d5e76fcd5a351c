#!/usr/bin/env node
// A stand-in for the Salesforce CLI: logs its arguments and answers with canned JSON, so the org
// scripts' own code runs up to the point where a real org would be needed. With FAKE_SF_WATCH set,
// it also logs that file's modification time at each call (null when the file is missing), which
// shows what the scripts had built before they deployed or packaged.
const { appendFileSync, existsSync, statSync } = require('node:fs');
const args = process.argv.slice(2).filter((arg) => arg !== '--json');
appendFileSync(process.env.FAKE_SF_LOG, `${JSON.stringify(args)}\n`);
const watched = process.env.FAKE_SF_WATCH;
if (watched) {
    const mtimeMs = existsSync(watched) ? statSync(watched).mtimeMs : null;
    appendFileSync(`${process.env.FAKE_SF_LOG}.watch`, `${JSON.stringify({ args, mtimeMs })}\n`);
}
const answers = {
    'config get target-dev-hub': [{ name: 'target-dev-hub', value: 'devhub' }],
    'org display --target-org': {
        id: '00D000000000001',
        instanceUrl: 'https://site-dream-1234-dev-ed.scratch.my.salesforce.com',
        username: 'agent@example.com'
    },
    'org display user': { id: '005000000000001', username: 'agent@example.com' },
    'data query --query': { records: [{ Id: '04v000000000001' }] },
    'package create --name': { Id: '0Ho000000000001' },
    'package version create': { SubscriberPackageVersionId: '04t000000000001' }
};
const key = Object.keys(answers).find((prefix) => args.join(' ').startsWith(prefix));
process.stdout.write(JSON.stringify({ status: 0, result: key ? answers[key] : {} }));
