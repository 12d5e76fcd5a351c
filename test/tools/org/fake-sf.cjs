#!/usr/bin/env node
// A stand-in for the Salesforce CLI: logs its arguments and answers with canned JSON, so the org
// scripts' own code runs up to the point where a real org would be needed. With FAKE_SF_WATCH set,
// it also logs that file's modification time at each call (null when the file is missing), which
// shows what the scripts had built before they deployed or packaged.
const { appendFileSync, copyFileSync, cpSync, existsSync, mkdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const args = process.argv.slice(2).filter((arg) => arg !== '--json');
appendFileSync(process.env.FAKE_SF_LOG, `${JSON.stringify(args)}\n`);
const watched = process.env.FAKE_SF_WATCH;
if (watched) {
    const mtimeMs = existsSync(watched) ? statSync(watched).mtimeMs : null;
    appendFileSync(`${process.env.FAKE_SF_LOG}.watch`, `${JSON.stringify({ args, mtimeMs })}\n`);
}
const answers = {
    // FAKE_SF_NO_DEV_HUB: no Dev Hub set, answered as the real CLI answers it.
    'config get target-dev-hub': process.env.FAKE_SF_NO_DEV_HUB
        ? [{ name: 'target-dev-hub', key: 'target-dev-hub', success: true }]
        : [{ name: 'target-dev-hub', value: 'devhub' }],
    'org display --target-org': {
        id: '00D000000000001',
        instanceUrl: 'https://site-dream-1234-dev-ed.scratch.my.salesforce.com',
        username: 'agent@example.com'
    },
    'org display user': { id: '005000000000001', username: 'agent@example.com' },
    'data query --query SELECT Email': { records: [{ Email: 'agent@example.com' }] },
    'data query --query': { records: [{ Id: '04v000000000001' }] },
    'package create --name': { Id: '0Ho000000000001' },
    'package list': process.env.FAKE_SF_NO_PACKAGE
        ? []
        : [{ Name: 'MiVoice Softphone', Id: '0Ho000000000001' }],
    'package version create': { SubscriberPackageVersionId: '04t000000000001' }
};
// FAKE_SF_CALLCENTER: the call center file the org "holds", written where a retrieve puts it.
// Each convert keeps a copy of the call center it was given, in FAKE_SF_LOG.converted.xml.
const flag = (name) => args[args.indexOf(name) + 1];
const command = args.slice(0, 3).join(' ');
// FAKE_SF_FIXTURES: a folder in source format (applications/, flexipages/) the org "holds" besides.
// Each convert also keeps a copy of everything it was given, in FAKE_SF_LOG.converted-<n>/.
const FOLDERS = {
    CustomApplication: ['applications', '.app-meta.xml'],
    FlexiPage: ['flexipages', '.flexipage-meta.xml']
};
if (command === 'project retrieve start') {
    const [type, name] = flag('--metadata').split(':');
    const into = join(flag('--output-dir'), 'main/default');
    if (type === 'CallCenter' && process.env.FAKE_SF_CALLCENTER) {
        mkdirSync(join(into, 'callCenters'), { recursive: true });
        copyFileSync(
            process.env.FAKE_SF_CALLCENTER,
            join(into, 'callCenters', `${name}.callCenter-meta.xml`)
        );
    }
    const [folder, suffix] = FOLDERS[type] ?? [];
    const fixture =
        folder && process.env.FAKE_SF_FIXTURES && join(process.env.FAKE_SF_FIXTURES, folder, name + suffix);
    if (fixture && existsSync(fixture)) {
        mkdirSync(join(into, folder), { recursive: true });
        copyFileSync(fixture, join(into, folder, name + suffix));
    }
}
if (command === 'project convert source') {
    const file = join(flag('--root-dir'), 'callCenters/MiVoiceSoftphone.callCenter-meta.xml');
    if (existsSync(file)) copyFileSync(file, `${process.env.FAKE_SF_LOG}.converted.xml`);
    let n = 1;
    while (existsSync(`${process.env.FAKE_SF_LOG}.converted-${n}`)) n += 1;
    cpSync(flag('--root-dir'), `${process.env.FAKE_SF_LOG}.converted-${n}`, { recursive: true });
}
// FAKE_SF_FAIL: the command (its first words) that fails, as the CLI reports a failure.
if (process.env.FAKE_SF_FAIL && args.join(' ').startsWith(process.env.FAKE_SF_FAIL)) {
    process.stdout.write(JSON.stringify({ status: 1, message: 'The stand-in org refused this.' }));
    process.exit(1);
}
// FAKE_SF_USERS: a JSON file of the org's User records. A `data query` on User answers from it as
// SOQL would: its `Email IN (...)` and `MiVoice_Extension__c IN (...)` lists joined by OR, Email
// compared without regard to case; a `data update record` on User changes the record in the file.
const usersFile = process.env.FAKE_SF_USERS;
if (usersFile && command === 'data query --query' && /\bFROM User\b/.test(flag('--query'))) {
    const users = JSON.parse(require('node:fs').readFileSync(usersFile, 'utf8'));
    const lists = [...flag('--query').matchAll(/(\w+) IN \(([^)]*)\)/g)].map(([, field, list]) => ({
        field,
        values: [...list.matchAll(/'((?:[^'\\]|\\.)*)'/g)].map(([, value]) => value.replace(/\\(.)/g, '$1'))
    }));
    const same = (field, a, b) => (field === 'Email' ? String(a).toLowerCase() === b.toLowerCase() : a === b);
    const records = users.filter((user) =>
        lists.some(({ field, values }) => values.some((value) => same(field, user[field], value)))
    );
    process.stdout.write(
        JSON.stringify({ status: 0, result: { records, totalSize: records.length, done: true } })
    );
    process.exit(0);
}
if (usersFile && command === 'data update record' && flag('--sobject') === 'User') {
    const fs = require('node:fs');
    const users = JSON.parse(fs.readFileSync(usersFile, 'utf8'));
    const user = users.find((candidate) => candidate.Id === flag('--record-id'));
    if (!user) {
        process.stdout.write(JSON.stringify({ status: 1, message: 'The requested resource does not exist' }));
        process.exit(1);
    }
    const [field, value] = flag('--values').split('=');
    user[field] = value;
    fs.writeFileSync(usersFile, JSON.stringify(users));
    process.stdout.write(JSON.stringify({ status: 0, result: { id: user.Id, success: true, errors: [] } }));
    process.exit(0);
}
const key = Object.keys(answers).find((prefix) => args.join(' ').startsWith(prefix));
process.stdout.write(JSON.stringify({ status: 0, result: key ? answers[key] : {} }));
