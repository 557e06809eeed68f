@control:IA-3
Feature: Matching the client certificate to the endpoint record
  A certificate that chains to the ZTNA root CA is not enough. FortiGate extracts the FortiClient
  UID (the certificate's subject) and the certificate serial number, looks up the endpoint record
  EMS synced for that UID, and goes on to proxy-rule processing only when the record exists and
  carries the same SN. No record means no device information (FortiOS error code 066); a record
  with another SN, or with an all-zero SN because the endpoint holds no ZTNA certificate, means an
  invalid ZTNA certificate (001); a record EMS marks offline is denied as such (067).

  `diagnose endpoint record list` shows what the access proxy matches against: one `Record #N:`
  block per endpoint with its `Client cert SN`, `Online status`, `Registration status`,
  `FortiClient UID` and `Host Name`, and a summary line. It is the first thing to read when a
  registered endpoint is denied, and the evidence an auditor asks for.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered

  @control:IA-2 @control:ZTA-T6
  Scenario: UID and SN match in EMS, the certificate store and the access proxy
    Then EMS, the certificate store and the access proxy agree on the UID and SN of endpoint "laptop-1"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed

  @control:AU-3 @control:ZTA-T7 @control:ZTMM-DEV-5
  Scenario: diagnose endpoint record list shows the record the access proxy matches against
    Given endpoint "laptop-2" is registered
    Then diagnose endpoint record list shows endpoint "laptop-1" with its current certificate SN
    And diagnose endpoint record list shows "Online status: online" for endpoint "laptop-1"
    And diagnose endpoint record list shows "Registration status: registered" for endpoint "laptop-1"
    And diagnose endpoint record list shows "Host Name: laptop-2" for endpoint "laptop-2"
    And diagnose endpoint record list shows "EMS tenant id: 00000000000000000000000000000000" for endpoint "laptop-1"
    And diagnose endpoint record list ends with "online records: 2; offline records: 0; quarantined records: 0; out-of-sync records: 0"

  @control:ZTA-T6
  Scenario: A certificate for a UID the access proxy has no record of gives no device information
    When a certificate for an unknown UID requests "https://intranet.example.com/"
    Then the request is denied with NO_DEVICE_INFO because "no endpoint record for the UID"
    And the block page shows FortiOS error code "066"

  @control:ZTA-T6 @control:ZTMM-DEV-4
  Scenario: A certificate whose SN differs from the record is invalid
    When endpoint "laptop-1" requests "https://intranet.example.com/" with a certificate with a serial EMS never issued
    Then the request is denied with CERT_INVALID because "sn-mismatch"
    And the block page shows FortiOS error code "001"

  @control:ZTMM-DEV-4 @control:AU-3
  Scenario: A certificate for a UID whose record has an all-zero SN is invalid
    When endpoint "laptop-1" unregisters from EMS
    Then diagnose endpoint record list shows "Client cert SN: 0000000000000000000000000000000000000000" for endpoint "laptop-1"
    When endpoint "laptop-1" requests "https://intranet.example.com/" with a certificate with a serial EMS never issued
    Then the request is denied with CERT_INVALID because "record-has-no-certificate"
    And the block page shows FortiOS error code "001"

  @control:ZTA-T5 @control:ZTMM-DEV-1
  Scenario: A renewed certificate is invalid until its SN reaches the access proxy
    Given the fabric link delays every sync by 30 seconds
    When endpoint "laptop-1" reconnects to EMS
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with CERT_INVALID because "sn-mismatch"
    When 30 seconds pass
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
    And diagnose endpoint record list shows endpoint "laptop-1" with its current certificate SN

  @control:AC-3 @control:AU-3 @control:ZTA-T5 @control:ZTMM-DEV-1
  Scenario: An endpoint EMS marks offline is denied until it is online again
    When EMS marks endpoint "laptop-1" offline
    Then diagnose endpoint record list shows "Online status: offline" for endpoint "laptop-1"
    And diagnose endpoint record list ends with "online records: 0; offline records: 1; quarantined records: 0; out-of-sync records: 0"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with DEVICE_OFFLINE
    And the block page shows FortiOS error code "067"
    When EMS marks endpoint "laptop-1" online
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
