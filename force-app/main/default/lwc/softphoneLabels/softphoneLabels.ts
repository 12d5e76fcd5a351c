// Every user-facing string of the panel, as custom labels (English defaults in CustomLabels.labels-meta.xml).
import StatusConnecting from '@salesforce/label/c.Softphone_Status_Connecting';
import StatusReady from '@salesforce/label/c.Softphone_Status_Ready';
import StatusReadyAs from '@salesforce/label/c.Softphone_Status_ReadyAs';
import StatusReconnecting from '@salesforce/label/c.Softphone_Status_Reconnecting';
import StatusReconnectingNow from '@salesforce/label/c.Softphone_Status_ReconnectingNow';
import StatusError from '@salesforce/label/c.Softphone_Status_Error';
import StatusRetry from '@salesforce/label/c.Softphone_Status_Retry';
import StatusRegion from '@salesforce/label/c.Softphone_Status_Region';
import Dnd from '@salesforce/label/c.Softphone_Dnd';
import DndOn from '@salesforce/label/c.Softphone_Dnd_On';
import DndOff from '@salesforce/label/c.Softphone_Dnd_Off';
import LogFailed from '@salesforce/label/c.Softphone_Log_Failed';
import LogRetry from '@salesforce/label/c.Softphone_Log_Retry';
import LogDismiss from '@salesforce/label/c.Softphone_Log_Dismiss';
import Calls from '@salesforce/label/c.Softphone_Calls';
import CallAnswer from '@salesforce/label/c.Softphone_Call_Answer';
import CallDecline from '@salesforce/label/c.Softphone_Call_Decline';
import CallEnd from '@salesforce/label/c.Softphone_Call_End';
import CallHold from '@salesforce/label/c.Softphone_Call_Hold';
import CallRetrieve from '@salesforce/label/c.Softphone_Call_Retrieve';
import CallTransfer from '@salesforce/label/c.Softphone_Call_Transfer';
import CallTransferTo from '@salesforce/label/c.Softphone_Call_TransferTo';
import CallTransferNow from '@salesforce/label/c.Softphone_Call_TransferNow';
import CallConsult from '@salesforce/label/c.Softphone_Call_Consult';
import CallCompleteTransfer from '@salesforce/label/c.Softphone_Call_CompleteTransfer';
import CallCancelTransfer from '@salesforce/label/c.Softphone_Call_CancelTransfer';
import CallPop from '@salesforce/label/c.Softphone_Call_Pop';
import CallMultipleMatches from '@salesforce/label/c.Softphone_Call_MultipleMatches';
import CallSearching from '@salesforce/label/c.Softphone_Call_Searching';
import CallNoMatch from '@salesforce/label/c.Softphone_Call_NoMatch';
import CallUnknownCaller from '@salesforce/label/c.Softphone_Call_UnknownCaller';
import CallHuntGroup from '@salesforce/label/c.Softphone_Call_HuntGroup';
import CallDuration from '@salesforce/label/c.Softphone_Call_Duration';
import CallConsultFor from '@salesforce/label/c.Softphone_Call_ConsultFor';
import CallNotes from '@salesforce/label/c.Softphone_Call_Notes';
import CallActions from '@salesforce/label/c.Softphone_Call_Actions';
import DirectionInbound from '@salesforce/label/c.Softphone_Direction_Inbound';
import DirectionOutbound from '@salesforce/label/c.Softphone_Direction_Outbound';
import DirectionInternal from '@salesforce/label/c.Softphone_Direction_Internal';
import StateDialing from '@salesforce/label/c.Softphone_State_Dialing';
import StateRinging from '@salesforce/label/c.Softphone_State_Ringing';
import StateQueued from '@salesforce/label/c.Softphone_State_Queued';
import StateConnected from '@salesforce/label/c.Softphone_State_Connected';
import StateHeld from '@salesforce/label/c.Softphone_State_Held';
import StateCleared from '@salesforce/label/c.Softphone_State_Cleared';
import DialerNumber from '@salesforce/label/c.Softphone_Dialer_Number';
import DialerCall from '@salesforce/label/c.Softphone_Dialer_Call';
import DialerKeypad from '@salesforce/label/c.Softphone_Dialer_Keypad';
import DialerShowKeypad from '@salesforce/label/c.Softphone_Dialer_ShowKeypad';
import DialerHideKeypad from '@salesforce/label/c.Softphone_Dialer_HideKeypad';
import DialerDeleteDigit from '@salesforce/label/c.Softphone_Dialer_DeleteDigit';
import AnnounceIncoming from '@salesforce/label/c.Softphone_Announce_Incoming';
import Notice from '@salesforce/label/c.Softphone_Notice';
import CheckOpen from '@salesforce/label/c.Softphone_Check_Open';
import PhoneWindowOpen from '@salesforce/label/c.Softphone_PhoneWindow_Open';
import CheckTitle from '@salesforce/label/c.Softphone_Check_Title';
import CheckClose from '@salesforce/label/c.Softphone_Check_Close';
import CheckRunAgain from '@salesforce/label/c.Softphone_Check_RunAgain';
import CheckRunning from '@salesforce/label/c.Softphone_Check_Running';
import CheckPassed from '@salesforce/label/c.Softphone_Check_Passed';
import CheckFailed from '@salesforce/label/c.Softphone_Check_Failed';
import CheckNotChecked from '@salesforce/label/c.Softphone_Check_NotChecked';
import CheckAllPassed from '@salesforce/label/c.Softphone_Check_AllPassed';
import CheckIncomplete from '@salesforce/label/c.Softphone_Check_Incomplete';
import CheckDiagnostics from '@salesforce/label/c.Softphone_Check_Diagnostics';
import CheckDiagnosticEntry from '@salesforce/label/c.Softphone_Check_DiagnosticEntry';
import CheckFirstFailure from '@salesforce/label/c.Softphone_Check_FirstFailure';
import CheckInSoftphone from '@salesforce/label/c.Softphone_Check_InSoftphone';
import CheckOpenCti from '@salesforce/label/c.Softphone_Check_OpenCti';
import CheckUserEmail from '@salesforce/label/c.Softphone_Check_UserEmail';
import CheckSettings from '@salesforce/label/c.Softphone_Check_Settings';
import CheckLocalNetwork from '@salesforce/label/c.Softphone_Check_LocalNetwork';
import CheckSuiteReachable from '@salesforce/label/c.Softphone_Check_SuiteReachable';
import CheckSuiteVersion from '@salesforce/label/c.Softphone_Check_SuiteVersion';
import CheckApiKey from '@salesforce/label/c.Softphone_Check_ApiKey';
import CheckUserFound from '@salesforce/label/c.Softphone_Check_UserFound';
import CheckLicence from '@salesforce/label/c.Softphone_Check_Licence';
import CheckPrimaryExtension from '@salesforce/label/c.Softphone_Check_PrimaryExtension';
import CheckEventChannel from '@salesforce/label/c.Softphone_Check_EventChannel';
import CheckPbxLink from '@salesforce/label/c.Softphone_Check_PbxLink';
import StatusOnCall from '@salesforce/label/c.Softphone_Status_OnCall';
import StatusOnCallAs from '@salesforce/label/c.Softphone_Status_OnCallAs';
import StatusWrapUp from '@salesforce/label/c.Softphone_Status_WrapUp';
import StatusWrapUpAs from '@salesforce/label/c.Softphone_Status_WrapUpAs';
import StatusDnd from '@salesforce/label/c.Softphone_Status_Dnd';
import StatusDndAs from '@salesforce/label/c.Softphone_Status_DndAs';
import MatchRegion from '@salesforce/label/c.Softphone_Match_Region';
import MatchHeading from '@salesforce/label/c.Softphone_Match_Heading';
import MatchLinked from '@salesforce/label/c.Softphone_Match_Linked';
import MatchDescribe from '@salesforce/label/c.Softphone_Match_Describe';
import ObjectContact from '@salesforce/label/c.Softphone_Object_Contact';
import ObjectAccount from '@salesforce/label/c.Softphone_Object_Account';
import ObjectLead from '@salesforce/label/c.Softphone_Object_Lead';
import ObjectPersonAccount from '@salesforce/label/c.Softphone_Object_PersonAccount';
import ObjectCase from '@salesforce/label/c.Softphone_Object_Case';
import ObjectOpportunity from '@salesforce/label/c.Softphone_Object_Opportunity';
import FieldPhone from '@salesforce/label/c.Softphone_Field_Phone';
import FieldMobilePhone from '@salesforce/label/c.Softphone_Field_MobilePhone';
import FieldHomePhone from '@salesforce/label/c.Softphone_Field_HomePhone';
import FieldOtherPhone from '@salesforce/label/c.Softphone_Field_OtherPhone';
import FieldAssistantPhone from '@salesforce/label/c.Softphone_Field_AssistantPhone';
import FieldFax from '@salesforce/label/c.Softphone_Field_Fax';
import StateWrapUp from '@salesforce/label/c.Softphone_State_WrapUp';
import WrapUpRegion from '@salesforce/label/c.Softphone_WrapUp_Region';
import WrapUpResult from '@salesforce/label/c.Softphone_WrapUp_Result';
import WrapUpNoResult from '@salesforce/label/c.Softphone_WrapUp_NoResult';
import WrapUpSubject from '@salesforce/label/c.Softphone_WrapUp_Subject';
import WrapUpLinkedRecord from '@salesforce/label/c.Softphone_WrapUp_LinkedRecord';
import WrapUpNotLinked from '@salesforce/label/c.Softphone_WrapUp_NotLinked';
import WrapUpDone from '@salesforce/label/c.Softphone_WrapUp_Done';
import WrapUpClosesIn from '@salesforce/label/c.Softphone_WrapUp_ClosesIn';
import WrapUpClosing from '@salesforce/label/c.Softphone_WrapUp_Closing';
import HistoryTitle from '@salesforce/label/c.Softphone_History_Title';
import HistoryMissedCount from '@salesforce/label/c.Softphone_History_MissedCount';
import HistoryEmpty from '@salesforce/label/c.Softphone_History_Empty';
import HistoryMissed from '@salesforce/label/c.Softphone_History_Missed';
import HistoryCallBack from '@salesforce/label/c.Softphone_History_CallBack';
import HistoryOpenRecord from '@salesforce/label/c.Softphone_History_OpenRecord';
import HistoryOpenTask from '@salesforce/label/c.Softphone_History_OpenTask';
import HistoryDuration from '@salesforce/label/c.Softphone_History_Duration';
import StatusRinging from '@salesforce/label/c.Softphone_Status_Ringing';
import StatusRingingAs from '@salesforce/label/c.Softphone_Status_RingingAs';
import StatusDialing from '@salesforce/label/c.Softphone_Status_Dialing';
import StatusDialingAs from '@salesforce/label/c.Softphone_Status_DialingAs';
import StatusOnHold from '@salesforce/label/c.Softphone_Status_OnHold';
import StatusOnHoldAs from '@salesforce/label/c.Softphone_Status_OnHoldAs';
import StatusConsulting from '@salesforce/label/c.Softphone_Status_Consulting';
import StatusConsultingAs from '@salesforce/label/c.Softphone_Status_ConsultingAs';
import StatusOffline from '@salesforce/label/c.Softphone_Status_Offline';
import StatusOfflineCause from '@salesforce/label/c.Softphone_Status_OfflineCause';
import ControlNotConnected from '@salesforce/label/c.Softphone_Control_NotConnected';
import ControlNotNow from '@salesforce/label/c.Softphone_Control_NotNow';
import ControlNoNumber from '@salesforce/label/c.Softphone_Control_NoNumber';
import NoticeDismiss from '@salesforce/label/c.Softphone_Notice_Dismiss';
import OutcomeBusy from '@salesforce/label/c.Softphone_Outcome_busy';
import OutcomeNoAnswer from '@salesforce/label/c.Softphone_Outcome_noAnswer';
import OutcomeRejected from '@salesforce/label/c.Softphone_Outcome_rejected';
import OutcomeFailed from '@salesforce/label/c.Softphone_Outcome_failed';
import OutcomeMissed from '@salesforce/label/c.Softphone_Outcome_missed';
import CallAgain from '@salesforce/label/c.Softphone_Call_Again';
import DialerEcho from '@salesforce/label/c.Softphone_Dialer_Echo';
import DialerExtension from '@salesforce/label/c.Softphone_Dialer_Extension';

export const LABELS = {
    statusConnecting: StatusConnecting,
    statusReady: StatusReady,
    statusReadyAs: StatusReadyAs,
    statusReconnecting: StatusReconnecting,
    statusReconnectingNow: StatusReconnectingNow,
    statusError: StatusError,
    statusRetry: StatusRetry,
    statusRegion: StatusRegion,
    dnd: Dnd,
    dndOn: DndOn,
    dndOff: DndOff,
    logFailed: LogFailed,
    logRetry: LogRetry,
    logDismiss: LogDismiss,
    calls: Calls,
    callAnswer: CallAnswer,
    callDecline: CallDecline,
    callEnd: CallEnd,
    callHold: CallHold,
    callRetrieve: CallRetrieve,
    callTransfer: CallTransfer,
    callTransferTo: CallTransferTo,
    callTransferNow: CallTransferNow,
    callConsult: CallConsult,
    callCompleteTransfer: CallCompleteTransfer,
    callCancelTransfer: CallCancelTransfer,
    callPop: CallPop,
    callMultipleMatches: CallMultipleMatches,
    callSearching: CallSearching,
    callNoMatch: CallNoMatch,
    callUnknownCaller: CallUnknownCaller,
    callHuntGroup: CallHuntGroup,
    callDuration: CallDuration,
    callConsultFor: CallConsultFor,
    callNotes: CallNotes,
    callActions: CallActions,
    directionInbound: DirectionInbound,
    directionOutbound: DirectionOutbound,
    directionInternal: DirectionInternal,
    stateDialing: StateDialing,
    stateRinging: StateRinging,
    stateQueued: StateQueued,
    stateConnected: StateConnected,
    stateHeld: StateHeld,
    stateCleared: StateCleared,
    dialerNumber: DialerNumber,
    dialerCall: DialerCall,
    dialerKeypad: DialerKeypad,
    dialerShowKeypad: DialerShowKeypad,
    dialerHideKeypad: DialerHideKeypad,
    dialerDeleteDigit: DialerDeleteDigit,
    announceIncoming: AnnounceIncoming,
    notice: Notice,
    checkOpen: CheckOpen,
    phoneWindowOpen: PhoneWindowOpen,
    checkTitle: CheckTitle,
    checkClose: CheckClose,
    checkRunAgain: CheckRunAgain,
    checkRunning: CheckRunning,
    checkPassed: CheckPassed,
    checkFailed: CheckFailed,
    checkNotChecked: CheckNotChecked,
    checkAllPassed: CheckAllPassed,
    checkIncomplete: CheckIncomplete,
    checkDiagnostics: CheckDiagnostics,
    checkDiagnosticEntry: CheckDiagnosticEntry,
    checkFirstFailure: CheckFirstFailure,
    checkInSoftphone: CheckInSoftphone,
    checkOpenCti: CheckOpenCti,
    checkUserEmail: CheckUserEmail,
    checkSettings: CheckSettings,
    checkLocalNetwork: CheckLocalNetwork,
    checkSuiteReachable: CheckSuiteReachable,
    checkSuiteVersion: CheckSuiteVersion,
    checkApiKey: CheckApiKey,
    checkUserFound: CheckUserFound,
    checkLicence: CheckLicence,
    checkPrimaryExtension: CheckPrimaryExtension,
    checkEventChannel: CheckEventChannel,
    checkPbxLink: CheckPbxLink,
    statusOnCall: StatusOnCall,
    statusOnCallAs: StatusOnCallAs,
    statusWrapUp: StatusWrapUp,
    statusWrapUpAs: StatusWrapUpAs,
    statusDnd: StatusDnd,
    statusDndAs: StatusDndAs,
    matchRegion: MatchRegion,
    matchHeading: MatchHeading,
    matchLinked: MatchLinked,
    matchDescribe: MatchDescribe,
    objectContact: ObjectContact,
    objectAccount: ObjectAccount,
    objectLead: ObjectLead,
    objectPersonAccount: ObjectPersonAccount,
    objectCase: ObjectCase,
    objectOpportunity: ObjectOpportunity,
    fieldPhone: FieldPhone,
    fieldMobilePhone: FieldMobilePhone,
    fieldHomePhone: FieldHomePhone,
    fieldOtherPhone: FieldOtherPhone,
    fieldAssistantPhone: FieldAssistantPhone,
    fieldFax: FieldFax,
    stateWrapUp: StateWrapUp,
    wrapUpRegion: WrapUpRegion,
    wrapUpResult: WrapUpResult,
    wrapUpNoResult: WrapUpNoResult,
    wrapUpSubject: WrapUpSubject,
    wrapUpLinkedRecord: WrapUpLinkedRecord,
    wrapUpNotLinked: WrapUpNotLinked,
    wrapUpDone: WrapUpDone,
    wrapUpClosesIn: WrapUpClosesIn,
    wrapUpClosing: WrapUpClosing,
    historyTitle: HistoryTitle,
    historyMissedCount: HistoryMissedCount,
    historyEmpty: HistoryEmpty,
    historyMissed: HistoryMissed,
    historyCallBack: HistoryCallBack,
    historyOpenRecord: HistoryOpenRecord,
    historyOpenTask: HistoryOpenTask,
    historyDuration: HistoryDuration,
    statusRinging: StatusRinging,
    statusRingingAs: StatusRingingAs,
    statusDialing: StatusDialing,
    statusDialingAs: StatusDialingAs,
    statusOnHold: StatusOnHold,
    statusOnHoldAs: StatusOnHoldAs,
    statusConsulting: StatusConsulting,
    statusConsultingAs: StatusConsultingAs,
    statusOffline: StatusOffline,
    statusOfflineCause: StatusOfflineCause,
    controlNotConnected: ControlNotConnected,
    controlNotNow: ControlNotNow,
    controlNoNumber: ControlNoNumber,
    noticeDismiss: NoticeDismiss,
    outcomeBusy: OutcomeBusy,
    outcomeNoAnswer: OutcomeNoAnswer,
    outcomeRejected: OutcomeRejected,
    outcomeFailed: OutcomeFailed,
    outcomeMissed: OutcomeMissed,
    callAgain: CallAgain,
    dialerEcho: DialerEcho,
    dialerExtension: DialerExtension
} as const;

/** Fills `{name}` placeholders; a placeholder without a value stays visible so a missing param is noticed. */
export function formatLabel(template: string, params: Record<string, string | number> = {}): string {
    return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => {
        return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : placeholder;
    });
}
