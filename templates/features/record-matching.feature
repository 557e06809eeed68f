# Scaffolded by `ztna-harness init`: an example to adapt.
@control:IA-3
Feature: Matching the client certificate to the endpoint record
  The access proxy looks up the record EMS synced for the certificate's UID and goes on only when
  it exists, carries the same SN and says the device is online.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered

  @control:AU-3 @control:ZTMM-DEV-5
  Scenario: diagnose endpoint record list shows the record the access proxy matches against
    Then diagnose endpoint record list shows endpoint "laptop-1" with its current certificate SN
    And diagnose endpoint record list shows "Registration status: registered" for endpoint "laptop-1"
    And diagnose endpoint record list ends with "online records: 1; offline records: 0; quarantined records: 0; out-of-sync records: 0"

  @control:ZTA-T6
  Scenario: A certificate for a UID the access proxy has no record of gives no device information
    When a certificate for an unknown UID requests "https://intranet.example.com/"
    Then the request is denied with NO_DEVICE_INFO
    And the block page shows FortiOS error code "066"

  @control:ZTA-T6 @control:ZTMM-DEV-4
  Scenario: A certificate whose SN differs from the record is invalid
    When endpoint "laptop-1" requests "https://intranet.example.com/" with a certificate with a serial EMS never issued
    Then the request is denied with CERT_INVALID because "sn-mismatch"

  @control:AC-3 @control:ZTA-T5
  Scenario: An endpoint EMS marks offline is denied
    When EMS marks endpoint "laptop-1" offline
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with DEVICE_OFFLINE
    And the block page shows FortiOS error code "067"
