// The client's contract suite against the OAI bridge + OAI PBX simulator (test/support/contractBackends.ts).
import './suiteClient.test';
