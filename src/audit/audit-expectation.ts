/** What the auditor knows the gateways must hold: their EMS's serial and tenant id. */
export interface AuditExpectation {
  readonly emsSerial?: string;
  readonly tenantId?: string;
}
