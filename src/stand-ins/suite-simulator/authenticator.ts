// How the simulated Suite checks a sign-in: its API switch first, then its own API keys (each may be
// disabled), and, when the simulator was given a verifier, signed assertions as the bridge checks them.
import {
    ApiKeyAuthenticator,
    AssertionAuthenticator,
    type Authenticator,
    type SessionRequest
} from '../../server/auth/authenticator';
import type { AssertionVerifier } from '../../server/auth/assertion';
import type { SimulatedSuite } from './suite';

export function suiteAuthenticator(suite: SimulatedSuite, assertions?: AssertionVerifier): Authenticator {
    // The keys are read at each sign-in: a test may switch one off while the simulator runs.
    const apiKeys: Authenticator = {
        features: [],
        authenticate: (request: SessionRequest) =>
            new ApiKeyAuthenticator(
                suite.config.apiKeys
                    .filter((candidate) => candidate.enabled)
                    .map((candidate) => candidate.key)
            ).authenticate(request)
    };
    const inner = assertions ? new AssertionAuthenticator(assertions, apiKeys) : apiKeys;
    return {
        features: inner.features,
        async authenticate(request) {
            suite.requireApiEnabled();
            return inner.authenticate(request);
        }
    };
}
