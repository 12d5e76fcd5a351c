// Moved to the telephony core (src/core/telephony/dialNumber.ts). Kept only so that
// src/core/durability/sharedSuiteClient.ts builds until its import names the new place.
export * from '../telephony/dialNumber';
