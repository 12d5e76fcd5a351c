// The configuration's `clients` block: what one agent's browser, or anything else that reaches the
// bridge, may hold and do (docs/oai-bridge.md, Clients). Every setting has a default, so a
// configuration without the block runs with the bounds of src/server/settings.ts.
import { DEFAULT_SETTINGS, type ServerSettings } from '../server/settings';

export interface ClientLimitsConfig {
    maxSessionsPerUser: number;
    idleSessionSec: number;
    channelBacklogBytes: number;
    channelFramesPerMinute: number;
    channelBadFrames: number;
}

const defaults = DEFAULT_SETTINGS;

export const clientLimitsSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
        maxSessionsPerUser: {
            type: 'integer',
            minimum: 1,
            maximum: 100,
            default: defaults.maxSessionsPerUser,
            description:
                "sessions per user; beyond it the user's session longest without a channel ends (else the oldest, 4009)"
        },
        idleSessionSec: {
            type: 'integer',
            minimum: 60,
            maximum: 86400,
            default: defaults.idleSessionSec,
            description:
                'a session without an event channel this long ends (a tab closed without signing out)'
        },
        channelBacklogBytes: {
            type: 'integer',
            minimum: 65536,
            maximum: 67108864,
            default: defaults.channels.backlogBytes,
            description: 'bytes a channel may leave unread before it is closed with 4010'
        },
        channelFramesPerMinute: {
            type: 'integer',
            minimum: 10,
            maximum: 100000,
            default: defaults.channels.framesPerMinute,
            description: 'frames a client may send on a channel in a minute before it is closed with 4011'
        },
        channelBadFrames: {
            type: 'integer',
            minimum: 0,
            maximum: 100000,
            default: defaults.channels.badFrames,
            description: 'frames that are not JSON a channel may send before it is closed with 4011'
        }
    },
    default: {}
} as const;

/** The server settings the block sets. */
export function clientSettings(
    config: ClientLimitsConfig
): Pick<ServerSettings, 'maxSessionsPerUser' | 'idleSessionSec' | 'channels'> {
    return {
        maxSessionsPerUser: config.maxSessionsPerUser,
        idleSessionSec: config.idleSessionSec,
        channels: {
            backlogBytes: config.channelBacklogBytes,
            framesPerMinute: config.channelFramesPerMinute,
            badFrames: config.channelBadFrames
        }
    };
}
