// Who may sign in to the bridge, on which station. A signed assertion that names the agent's station
// (its `extension` claim, from a User field only the org's admin can edit) is trusted as signed: the
// directory need not list the agent. The PBX is asked whether that station exists (Query Device
// Info), a station it does not have is refused by name (`station_not_found`), and the phone system
// follows the station from then on. Without the claim (the API key, or an org that sends none) the
// configuration's directory decides (./directory.ts).
import { WIRE_ERROR } from '../core/suite/errors';
import type { AuthenticatedUser } from '../server/auth/authenticator';
import { ContractError } from '../server/errors';
import type { SignedInUser } from '../server/phoneSystem';
import type { Directory } from './directory';
import { STATION_DEVICE_TYPES } from './oai/commands';
import type { OaiConfirmation } from './oai/events';
import { OUTCOME } from './oai/outcomes';
import { OaiCommandError } from './oai/pending';

/** What the PBX says of a station: there, not there (or not a station), or it cannot say now. */
export type StationAnswer =
    { kind: 'station' } | { kind: 'absent'; detail: string } | { kind: 'unknown'; detail: string };

/** The phone system, as the sign-in asks it about stations. */
export interface StationLookup {
    readonly pbxConnected: boolean;
    /** Query Device Info (`_QI`): the confirmation, or the OaiCommandError the PBX's outcome makes. */
    queryDevice(extension: string): Promise<OaiConfirmation>;
    /** Follows the station from now on; resolves once it is monitored and resynced, where the link allows. */
    follow(extension: string): Promise<void>;
}

/**
 * What Query Device Info says of a station (Issue 9.0 `_QI`): Invalid_Device_Identifier (9) or
 * Request_Incompatible_With_Object (3) is no such device, a Device_Type outside the station types is
 * a device that is no station (a hunt group, a trunk). A link that is down or does not answer says
 * nothing; the station's monitor tells later (PhoneSystemOptions.onStationRefused).
 */
export async function askStation(stations: StationLookup, extension: string): Promise<StationAnswer> {
    if (!stations.pbxConnected) return { kind: 'unknown', detail: 'the PBX link is down' };
    try {
        const detail = (await stations.queryDevice(extension)).detail;
        if (detail?.command !== '_QI') return { kind: 'unknown', detail: 'no device type in the answer' };
        return STATION_DEVICE_TYPES.has(detail.deviceType)
            ? { kind: 'station' }
            : { kind: 'absent', detail: `is not a station on the PBX (device type ${detail.deviceType})` };
    } catch (error) {
        const outcome = error instanceof OaiCommandError ? error.outcome : undefined;
        if (outcome === OUTCOME.invalidDeviceIdentifier || outcome === OUTCOME.requestIncompatibleWithObject)
            return { kind: 'absent', detail: 'the PBX does not have' };
        return { kind: 'unknown', detail: error instanceof Error ? error.message : String(error) };
    }
}

export class BridgeSignIn {
    /** Lower-case email → the station its last signed claim named. */
    private readonly claimed = new Map<string, string>();
    private readonly directory: Directory;
    private readonly stations: StationLookup;
    private readonly claimedStation: (email: string, extension: string) => void;

    /** `claimedStation` hears each signed claim: the agent's sessions on another station should end. */
    constructor(
        directory: Directory,
        stations: StationLookup,
        claimedStation: (email: string, extension: string) => void = () => undefined
    ) {
        this.directory = directory;
        this.stations = stations;
        this.claimedStation = claimedStation;
    }

    async signIn(identity: AuthenticatedUser): Promise<SignedInUser> {
        const extension = identity.mode === 'signedAssertion' ? identity.extension : undefined;
        if (!extension) return this.directory.signIn(identity.email);
        const listed = this.directory.find(identity.email);
        // The directory still lets an admin switch one agent off at the bridge.
        if (listed?.enabled === false)
            throw new ContractError(403, WIRE_ERROR.userDisabled, 'The user is disabled');
        const station = await askStation(this.stations, extension);
        if (station.kind === 'absent')
            throw new ContractError(
                404,
                WIRE_ERROR.stationNotFound,
                `Salesforce gives this user extension ${extension}, which ${station.detail}`
            );
        await this.stations.follow(extension);
        this.claimed.set(identity.email.toLowerCase(), extension);
        this.claimedStation(identity.email, extension);
        return {
            email: identity.email,
            displayName: identity.displayName ?? listed?.displayName ?? identity.email,
            primaryExtension: extension
        };
    }

    /** Throws 403 `user_disabled` once the user may no longer use the API. */
    checkUser(email: string): void {
        if (!this.claimed.has(email.toLowerCase())) return this.directory.check(email);
        if (this.directory.find(email)?.enabled === false)
            throw new ContractError(403, WIRE_ERROR.userDisabled, 'The user can no longer use the API');
    }

    /** Whether a session of `email` on `extension` may go on, after the directory changed. */
    allows(email: string, extension: string): boolean {
        if (this.claimed.get(email.toLowerCase()) === extension)
            return this.directory.find(email)?.enabled !== false;
        return this.directory.current(email)?.primaryExtension === extension;
    }
}
