// Imported first by a test that counts how many calls' capabilities the call models work out: the
// module is replaced by a counting copy of itself before anything else loads it.
jest.mock('../../../core/suite/capabilities', () => {
    const actual = jest.requireActual<typeof import('../../../core/suite/capabilities')>(
        '../../../core/suite/capabilities'
    );
    return { ...actual, contractCapabilities: jest.fn(actual.contractCapabilities) };
});
