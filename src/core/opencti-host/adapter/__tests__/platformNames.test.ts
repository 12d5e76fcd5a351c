import { derivePlatformNames } from '../platformNames';

describe('derivePlatformNames', () => {
    it('uses the default namespace c for an unlocked package without a namespace', () => {
        const names = derivePlatformNames('/resource/1732450000000/SoftphoneCore');
        expect(names).toMatchObject({
            namespace: '',
            lightningOutApp: 'c:SoftphoneOutApp',
            panelComponent: 'c:softphone',
            panelTag: 'c-softphone'
        });
        expect(names.apexClass('SoftphoneIdentity')).toBe('SoftphoneIdentity');
    });

    it.each([
        '/resource/1732450000000/mvsp__SoftphoneCore',
        '/resource/mvsp__SoftphoneCore',
        'https://acme--mvsp.vf.force.com/resource/1732450000000/mvsp__SoftphoneCore?v=2'
    ])('derives the namespace of a managed package from %s', (url) => {
        const names = derivePlatformNames(url);
        expect(names).toMatchObject({
            namespace: 'mvsp',
            lightningOutApp: 'mvsp:SoftphoneOutApp',
            panelComponent: 'mvsp:softphone',
            panelTag: 'mvsp-softphone'
        });
        expect(names.apexClass('SoftphoneCallLog')).toBe('mvsp.SoftphoneCallLog');
    });

    it('does not mistake another resource for ours', () => {
        expect(derivePlatformNames('/resource/1/mvsp__SoftphoneCoreExtra').namespace).toBe('');
    });
});
