// The hostile client's fuzz against the OAI bridge + OAI PBX simulator (test/support/contractBackends.ts).
import './hostileClient.test';
