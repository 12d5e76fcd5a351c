// The Open CTI client against the Open CTI library stand-in and the emulator, as the controller uses it.
import { OpenCtiEmulator } from '../../../../stand-ins/opencti-emulator/emulator';
import { createInProcessOpenCti } from '../../../../stand-ins/opencti-emulator/inProcessOpenCti';
import { OpenCtiClient, OpenCtiError, OpenCtiTimeout } from '../openCtiClient';
import { describeSaveLogFailure } from '../../taskLog/saveLogFailure';

function setup() {
    const emulator = new OpenCtiEmulator();
    const opencti = createInProcessOpenCti(emulator);
    const client = new OpenCtiClient(opencti.api as unknown as Record<string, unknown>);
    return { emulator, client };
}

const task = { entityApiName: 'Task', Subject: 'Inbound call from ACME LTD', CallType: 'Inbound' };

describe('OpenCtiClient', () => {
    it('sends no methodParams to an Apex method without parameters, as the guide says', async () => {
        const { emulator, client } = setup();
        await expect(client.runApex('SoftphoneIdentity', 'getUserEmail')).resolves.toBe('alice@example.com');
        const [request] = emulator.requests;
        expect(request.method).toBe('runApex');
        expect(request.args.methodParams).toBeUndefined();
    });

    it('sends parameters as a query string', async () => {
        const { emulator, client } = setup();
        await client.runApex('SoftphoneCallLog', 'findTaskId', { callObject: 'c_1 &2' });
        expect(emulator.requests[0].args.methodParams).toBe('callObject=c_1%20%262');
    });

    it('gives up on an unanswered runApex after its timeout', async () => {
        const { emulator, client } = setup();
        emulator.unansweredRunApex = 1;
        await expect(
            client.runApex('SoftphoneCallLog', 'findTaskId', { callObject: 'c_1' }, { timeoutMs: 50 })
        ).rejects.toBeInstanceOf(OpenCtiTimeout);
        // One lost request does not hold up the next.
        await expect(client.runApex('SoftphoneIdentity', 'getUserEmail')).resolves.toBe('alice@example.com');
    });

    it("keeps Salesforce's reason from errors[].details when a record is refused", async () => {
        const { emulator, client } = setup();
        emulator.saveLogRules.push({
            refuses: (fields) => !fields.WhatId,
            message: 'Every call must be related to an account or a case.'
        });
        const error = await client.saveLog(task, 1000).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(OpenCtiError);
        expect((error as OpenCtiError).details).toEqual([
            { message: 'Every call must be related to an account or a case.' }
        ]);
        expect(describeSaveLogFailure(error)).toEqual({
            permanent: true,
            reason: 'Every call must be related to an account or a case.'
        });
    });
});

describe('describeSaveLogFailure', () => {
    const saveLogError = (code: string, description: string, details?: unknown) =>
        new OpenCtiError('saveLog', code, description, details);

    it('retries what may pass: a container not ready, a generic error without details, a locked row', () => {
        for (const error of [
            saveLogError('SOFTPHONE_CONTAINER_ERROR', 'the softphone container hasn’t initialized yet'),
            saveLogError('GENERIC_ERROR', 'An error occurred while calling the API method.'),
            saveLogError('SERVER_ERROR', 'A problem was encountered on the server.'),
            saveLogError('GENERIC_ERROR', 'Review the Details field', [
                {
                    message: 'unable to obtain exclusive access to this record',
                    statusCode: 'UNABLE_TO_LOCK_ROW'
                }
            ]),
            new Error('network')
        ])
            expect(describeSaveLogFailure(error).permanent).toBe(false);
    });

    it('stops on what no retry fixes: record errors, refused arguments, missing access', () => {
        const cases: [OpenCtiError, string][] = [
            [
                saveLogError('GENERIC_ERROR', 'Review the Details field', [
                    { message: 'Required fields are missing: [Call_Reason__c]' }
                ]),
                'Required fields are missing: [Call_Reason__c]'
            ],
            [
                saveLogError('GENERIC_ERROR', 'Review the Details field', {
                    fieldErrors: {
                        WhatId: [
                            {
                                statusCode: 'FIELD_INTEGRITY_EXCEPTION',
                                message: 'Related To ID: id value of incorrect type'
                            }
                        ]
                    }
                }),
                'Related To ID: id value of incorrect type'
            ],
            [
                saveLogError('INSUFFICIENT_ACCESS_OR_READONLY', 'You do not have access to create Tasks'),
                'You do not have access to create Tasks'
            ],
            [saveLogError('INVALID_PARAM', 'An invalid value was passed'), 'An invalid value was passed']
        ];
        for (const [error, reason] of cases)
            expect(describeSaveLogFailure(error)).toEqual({ permanent: true, reason });
    });

    it('bounds the reason shown in the panel', () => {
        const error = saveLogError('GENERIC_ERROR', '', [{ message: 'x'.repeat(5000) }]);
        expect(describeSaveLogFailure(error).reason.length).toBeLessThanOrEqual(300);
    });
});
