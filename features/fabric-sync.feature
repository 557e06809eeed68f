@control:ZTA-T5
Feature: Keeping the access proxy in sync with EMS over the Security Fabric
  FortiGate learns everything it authenticates with from EMS over the Fabric connector: the ZTNA
  root CAs, one record per endpoint (UID, certificate SN, tags, online status) and the revoked
  serials. Until a change arrives the access proxy decides on what it last received, so a
  revocation made on EMS is not enforced during the sync delay — the stale window — and not at
  all while the link is down.

  The connector's `out-of-sync-threshold` (180 s by default) bounds that window. Once the link has
  been down that long FortiGate marks its records out of sync (`out-of-sync records: N` in
  `diagnose endpoint record list`) and this harness fails closed: a certificate that would match
  a stale record is denied for lack of device information. When the link is restored the
  connector verifies EMS again and resyncs in full, and the revocation is enforced.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered
    And the certificate of endpoint "laptop-1" is kept as "stolen"

  Rule: A delayed sync leaves a stale window, then the revocation is enforced

    Background:
      Given the fabric link delays every sync by 30 seconds

    @control:IA-5(2) @control:ZTA-T6
    Scenario: A revoked certificate is still allowed until the revocation arrives
      When EMS revokes the client certificate of endpoint "laptop-1"
      And 29 seconds pass
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is allowed

    @control:IA-5(2) @control:ZTA-T6
    Scenario: The revocation is enforced once the delayed sync lands
      When EMS revokes the client certificate of endpoint "laptop-1"
      And 30 seconds pass
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is denied with CERT_REVOKED
      And the block page shows FortiOS error code "063"

    @control:ZTA-T4 @control:AC-3
    Scenario: A posture tag change applies when it reaches the access proxy
      Given the access proxy has these proxy rules:
        | name       | host                 | tags       | action |
        | quarantine | *                    | Vulnerable | deny   |
        | intranet   | intranet.example.com |            | accept |
      When EMS sets the ZTNA tags of endpoint "laptop-1" to "Vulnerable"
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is allowed
      When 30 seconds pass
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is denied with TAGS_DENY
      And the decision names the rule "quarantine"

  Rule: While the link is down nothing arrives, and after the threshold records are out of sync

    @control:IA-5(2)
    Scenario: A revocation made during an outage is not known to the access proxy
      When the fabric link goes down
      And EMS revokes the client certificate of endpoint "laptop-1"
      And 179 seconds pass
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is allowed
      And the fabric link is down

    @control:CM-6 @control:ZTA-T6 @control:ZTMM-DEV-1
    Scenario: Past the out-of-sync threshold a stale record no longer authenticates
      When the fabric link goes down
      And EMS revokes the client certificate of endpoint "laptop-1"
      And 180 seconds pass
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is denied with NO_DEVICE_INFO because "record-out-of-sync"
      And the block page shows FortiOS error code "066"

    @control:AU-2 @control:AU-3 @control:CM-6 @control:ZTMM-DEV-5
    Scenario: diagnose endpoint record list counts out-of-sync records once the threshold has passed
      Given endpoint "laptop-2" is registered
      When the fabric link goes down
      And 179 seconds pass
      Then diagnose endpoint record list ends with "online records: 2; offline records: 0; quarantined records: 0; out-of-sync records: 0"
      When 1 second passes
      Then diagnose endpoint record list ends with "online records: 2; offline records: 0; quarantined records: 0; out-of-sync records: 2"

    @control:IA-5(2) @control:ZTA-T6
    Scenario: After the link is restored the full resync enforces the revocation
      When the fabric link goes down
      And EMS revokes the client certificate of endpoint "laptop-1"
      And 5 minutes pass
      And the fabric link is restored
      Then the fabric link is up
      And diagnose endpoint record list ends with "online records: 1; offline records: 0; quarantined records: 0; out-of-sync records: 0"
      When the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is denied with CERT_REVOKED

    @control:IA-3
    Scenario: An endpoint registered during an outage has no record until the link is restored
      When the fabric link goes down
      And endpoint "laptop-2" is registered
      And endpoint "laptop-2" requests "https://intranet.example.com/"
      Then the request is denied with NO_DEVICE_INFO because "no endpoint record for the UID"
      When the fabric link is restored
      And endpoint "laptop-2" requests "https://intranet.example.com/"
      Then the request is allowed

  Rule: A restarted access proxy knows nothing until it syncs again

    @control:IA-3 @control:ZTA-T6
    Scenario: After a restart the access proxy has no roots and no records
      When the access proxy restarts
      Then diagnose endpoint record list has no record for endpoint "laptop-1"
      When endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is denied with CERT_INVALID because "untrusted-issuer"

    @control:IA-2
    Scenario: A resync after the restart lets the endpoint in again
      When the access proxy restarts
      And the fabric link is restored
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is allowed
      And diagnose endpoint record list shows endpoint "laptop-1" with its current certificate SN
