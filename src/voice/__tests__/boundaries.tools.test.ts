// The Voice connector is a host of the telephony core only: its bundle holds no Open CTI host code
// (controller, Open CTI client, panel, LWC) and one copy of scv-connector-base.
import { build } from 'esbuild';
import { relative, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

it('bundles the telephony core and the library, nothing of the Open CTI host', async () => {
    const result = await build({
        entryPoints: [resolve(root, 'src/voice/main.ts')],
        bundle: true,
        write: false,
        metafile: true,
        format: 'iife',
        platform: 'browser',
        logLevel: 'silent'
    });
    const inputs = Object.keys(result.metafile.inputs).map((path) => relative(root, resolve(root, path)));
    expect(inputs).toEqual(
        expect.arrayContaining(['src/core/suite/client.ts', 'src/core/telephony/tabs/sharedSuiteClient.ts'])
    );
    const forbidden = inputs.filter((path) =>
        /^(src\/core\/opencti-host\/|src\/core\/main\.ts|force-app\/)/.test(path)
    );
    expect(forbidden).toEqual([]);
    expect(inputs.filter((path) => path.includes('scv-connector-base'))).toEqual([
        'node_modules/@salesforce/scv-connector-base/dist/scv-connector-base.js'
    ]);
});
