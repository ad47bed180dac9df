// Yearly quotas in whole numbers: how many deviations a location may record for the children it cares for.

/** Deviations allowed for `caredFor` children at `maxPercent`: the largest d with d × 100 ≤ maxPercent × caredFor. */
export function deviationsAllowed(caredFor: number, maxPercent: number): number {
  return Math.floor((maxPercent * caredFor) / 100);
}

/** True when one more deviation stays within the quota (integer arithmetic, no rounding surprises). */
export function deviationFits(existing: number, caredFor: number, maxPercent: number): boolean {
  return (existing + 1) * 100 <= maxPercent * caredFor;
}
