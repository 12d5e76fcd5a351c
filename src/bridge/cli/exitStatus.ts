// The bridge's exit statuses (sysexits.h where one fits), in --help, the docs and the systemd unit.
export const EXIT = {
    ok: 0,
    /** Anything unexpected (a bug, a failed health probe). */
    failure: 1,
    /** Unknown options or arguments. */
    usage: 2,
    /** EX_UNAVAILABLE: the PBX's OAI address does not answer (--check-config). */
    pbxUnreachable: 69,
    /** EX_NOPERM: the PBX refused the OAI login, or a link without call control and events (--check-config). */
    pbxRefused: 77,
    /** EX_CONFIG: the configuration, or a file it names, is wrong; restarting will not help. */
    config: 78
} as const;
