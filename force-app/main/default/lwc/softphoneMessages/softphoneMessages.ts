// One custom label per SoftphoneMessageCode: what is wrong and what to do, with {param} placeholders.
import { formatLabel } from 'c/softphoneLabels';
import notInSoftphone from '@salesforce/label/c.Softphone_Msg_notInSoftphone';
import openCtiUnavailable from '@salesforce/label/c.Softphone_Msg_openCtiUnavailable';
import userEmailUnavailable from '@salesforce/label/c.Softphone_Msg_userEmailUnavailable';
import settingMissing from '@salesforce/label/c.Softphone_Msg_settingMissing';
import settingNotHost from '@salesforce/label/c.Softphone_Msg_settingNotHost';
import settingNotPort from '@salesforce/label/c.Softphone_Msg_settingNotPort';
import settingNotChoice from '@salesforce/label/c.Softphone_Msg_settingNotChoice';
import settingNotBoolean from '@salesforce/label/c.Softphone_Msg_settingNotBoolean';
import settingNotDigits from '@salesforce/label/c.Softphone_Msg_settingNotDigits';
import settingNotCountryCode from '@salesforce/label/c.Softphone_Msg_settingNotCountryCode';
import settingTooLong from '@salesforce/label/c.Softphone_Msg_settingTooLong';
import settingHasSpaces from '@salesforce/label/c.Softphone_Msg_settingHasSpaces';
import settingTooManyEntries from '@salesforce/label/c.Softphone_Msg_settingTooManyEntries';
import settingEntryTooLong from '@salesforce/label/c.Softphone_Msg_settingEntryTooLong';
import settingDuplicateEntry from '@salesforce/label/c.Softphone_Msg_settingDuplicateEntry';
import settingNotSeconds from '@salesforce/label/c.Softphone_Msg_settingNotSeconds';
import settingNoLongerRead from '@salesforce/label/c.Softphone_Msg_settingNoLongerRead';
import suiteUnreachable from '@salesforce/label/c.Softphone_Msg_suiteUnreachable';
import localNetworkRefused from '@salesforce/label/c.Softphone_Msg_localNetworkRefused';
import suiteTooOld from '@salesforce/label/c.Softphone_Msg_suiteTooOld';
import apiKeyMissing from '@salesforce/label/c.Softphone_Msg_apiKeyMissing';
import apiKeyRejected from '@salesforce/label/c.Softphone_Msg_apiKeyRejected';
import apiDisabled from '@salesforce/label/c.Softphone_Msg_apiDisabled';
import apiKeyNotAccepted from '@salesforce/label/c.Softphone_Msg_apiKeyNotAccepted';
import assertionNotAccepted from '@salesforce/label/c.Softphone_Msg_assertionNotAccepted';
import assertionRejected from '@salesforce/label/c.Softphone_Msg_assertionRejected';
import assertionUnavailable from '@salesforce/label/c.Softphone_Msg_assertionUnavailable';
import userNotFound from '@salesforce/label/c.Softphone_Msg_userNotFound';
import userDisabled from '@salesforce/label/c.Softphone_Msg_userDisabled';
import licenceRequired from '@salesforce/label/c.Softphone_Msg_licenceRequired';
import noPrimaryExtension from '@salesforce/label/c.Softphone_Msg_noPrimaryExtension';
import stationNotFound from '@salesforce/label/c.Softphone_Msg_stationNotFound';
import signInPerAgent from '@salesforce/label/c.Softphone_Msg_signInPerAgent';
import signInSharedKey from '@salesforce/label/c.Softphone_Msg_signInSharedKey';
import pbxLinkDown from '@salesforce/label/c.Softphone_Msg_pbxLinkDown';
import phoneWindowBlocked from '@salesforce/label/c.Softphone_Msg_phoneWindowBlocked';
import phoneWindowWithoutTab from '@salesforce/label/c.Softphone_Msg_phoneWindowWithoutTab';
import rateLimited from '@salesforce/label/c.Softphone_Msg_rateLimited';
import tooManyConnections from '@salesforce/label/c.Softphone_Msg_tooManyConnections';
import suiteProtocolError from '@salesforce/label/c.Softphone_Msg_suiteProtocolError';
import suiteError from '@salesforce/label/c.Softphone_Msg_suiteError';
import numberEmpty from '@salesforce/label/c.Softphone_Msg_numberEmpty';
import numberInvalid from '@salesforce/label/c.Softphone_Msg_numberInvalid';
import dialFailed from '@salesforce/label/c.Softphone_Msg_dialFailed';
import commandFailed from '@salesforce/label/c.Softphone_Msg_commandFailed';
import callLogRetrying from '@salesforce/label/c.Softphone_Msg_callLogRetrying';
import callLogFailed from '@salesforce/label/c.Softphone_Msg_callLogFailed';
import storageUnavailable from '@salesforce/label/c.Softphone_Msg_storageUnavailable';

/** Record<SoftphoneMessageCode, ...> makes the compiler refuse a code without a label. */
export const MESSAGE_LABELS: Record<SoftphoneMessageCode, string> = {
    notInSoftphone,
    openCtiUnavailable,
    userEmailUnavailable,
    phoneWindowWithoutTab,
    settingMissing,
    settingNotHost,
    settingNotPort,
    settingNotChoice,
    settingNotBoolean,
    settingNotDigits,
    settingNotCountryCode,
    settingTooLong,
    settingHasSpaces,
    settingTooManyEntries,
    settingEntryTooLong,
    settingDuplicateEntry,
    settingNotSeconds,
    settingNoLongerRead,
    suiteUnreachable,
    localNetworkRefused,
    suiteTooOld,
    apiKeyMissing,
    apiKeyRejected,
    apiDisabled,
    apiKeyNotAccepted,
    assertionUnavailable,
    assertionRejected,
    assertionNotAccepted,
    userNotFound,
    userDisabled,
    licenceRequired,
    noPrimaryExtension,
    stationNotFound,
    signInPerAgent,
    signInSharedKey,
    pbxLinkDown,
    rateLimited,
    tooManyConnections,
    suiteProtocolError,
    suiteError,
    numberEmpty,
    numberInvalid,
    dialFailed,
    commandFailed,
    phoneWindowBlocked,
    callLogRetrying,
    callLogFailed,
    storageUnavailable
};

export function messageText(message: SoftphoneMessage): string {
    return formatLabel(MESSAGE_LABELS[message.code], message.params);
}
