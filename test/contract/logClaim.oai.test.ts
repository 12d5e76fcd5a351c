// The log-claim contract suite against the OAI bridge + OAI PBX simulator (test/support/contractBackends.ts).
import './logClaim.test';
