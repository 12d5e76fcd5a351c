// The event channel's close codes (docs/suite-api.md, Event channel): one catalogue for the client that
// reads them and every server of the contract that sends them.
export const CLOSE_CODE = {
    normal: 1000,
    serviceRestart: 1012,
    /** The token is no longer valid (signed out, expired, the server restarted): a new session at once. */
    sessionEnded: 4001,
    /** The user, licence or key was withdrawn: a new session says which. */
    userWithdrawn: 4003,
    heartbeatTimeout: 4008,
    /** The user opened more sessions than the server keeps: this, the oldest, was ended for a newer one. */
    sessionReplaced: 4009,
    /** The client left more of the channel unread than the server buffers. */
    notReading: 4010,
    /** The client sent more frames, or more that are not JSON, than the server takes. */
    tooManyFrames: 4011,
    /** More channels than the server allows one user. */
    tooManyChannels: 4029
} as const;
