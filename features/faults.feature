@control:IA-5(2)
Feature: Faults and the exposure window of a revoked certificate
  A revocation on EMS protects nothing until it reaches the access proxy. This feature puts the
  pieces between them under stress — a slow or broken Security Fabric connection, an EMS restart
  that keeps or loses its registry, an access proxy that restarts and forgets what it had synced,
  and an access proxy whose clock is skewed from EMS's — and measures, for each, the exposure
  window: how long a stolen certificate stayed usable after EMS revoked it. Every window is
  attached to the report as evidence ("exposure window" notes), measured on the requests the
  scenario sent, so an auditor reads what was observed, not what was configured.

  Where FortiOS does not document the behaviour the harness fails closed: records past the
  connector's out-of-sync threshold (180 s by default) stop authenticating, a restarted access
  proxy knows no root and no record until it resyncs, and a sync taken before another never
  replaces it when it arrives late.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered
    And the certificate of endpoint "laptop-1" is kept as "stolen"

  Rule: A slow or broken fabric connection opens a window that the out-of-sync threshold closes

    @control:ZTA-T6 @control:AU-3
    Scenario: A 30-second sync delay keeps a revoked certificate usable for 30 seconds
      Given the fabric link delays every sync by 30 seconds
      When EMS revokes the client certificate of endpoint "laptop-1"
      And the certificate kept as "stolen" is tried on "https://intranet.example.com/" every 5 seconds until it is denied
      Then the request is denied with CERT_REVOKED
      And the exposure window of the certificate kept as "stolen" was 30 seconds

    @control:CM-6 @control:ZTA-T6 @control:ZTMM-DEV-1
    Scenario: During a fabric outage the out-of-sync threshold bounds the window
      When the fabric link goes down
      And EMS revokes the client certificate of endpoint "laptop-1"
      And the certificate kept as "stolen" is tried on "https://intranet.example.com/" every 30 seconds until it is denied
      Then the request is denied with NO_DEVICE_INFO because "record-out-of-sync"
      And the exposure window of the certificate kept as "stolen" was 180 seconds

    @control:CM-6 @control:ZTMM-DEV-1
    Scenario: A shorter out-of-sync threshold shortens the window
      Given the fabric link has an out-of-sync threshold of 60 seconds
      When the fabric link goes down
      And EMS revokes the client certificate of endpoint "laptop-1"
      And the certificate kept as "stolen" is tried on "https://intranet.example.com/" every 15 seconds until it is denied
      Then the exposure window of the certificate kept as "stolen" was 60 seconds

    @control:CM-6 @control:AC-3
    Scenario: An access proxy that keeps using out-of-sync records stays open until the link is restored
      Given the access proxy keeps using out-of-sync records
      When the fabric link goes down
      And EMS revokes the client certificate of endpoint "laptop-1"
      And 10 minutes pass
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is allowed
      When the fabric link is restored
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is denied with CERT_REVOKED
      And the exposure window of the certificate kept as "stolen" was 600 seconds

    @control:ZTA-T6
    Scenario: A late sync taken before a newer one never undoes a revocation
      Given endpoint "laptop-2" is registered
      And the fabric link delays every sync by 60 seconds
      When EMS sets the ZTNA tags of endpoint "laptop-2" to "HR"
      And the fabric link delays every sync by 0 seconds
      And EMS revokes the client certificate of endpoint "laptop-1"
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is denied with CERT_REVOKED
      When 60 seconds pass
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is denied with CERT_REVOKED
      And the exposure window of the certificate kept as "stolen" was 0 seconds

  Rule: An EMS restart holds back what EMS changed just before it; a rebuilt registry still fails closed

    @control:ZTA-T5 @control:AU-3
    Scenario: A revocation whose delayed sync was lost in the restart lands with the resync
      Given the fabric link delays every sync by 30 seconds
      When EMS revokes the client certificate of endpoint "laptop-1"
      And 10 seconds pass
      And EMS goes down for a restart
      And 20 seconds pass
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is allowed
      When 40 seconds pass
      And EMS is back with its registry persisted
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is denied with CERT_REVOKED
      And the exposure window of the certificate kept as "stolen" was 70 seconds

    @control:AC-3 @control:ZTMM-DEV-1
    Scenario: A short EMS restart with the registry persisted does not interrupt access
      When EMS goes down for a restart
      And 2 minutes pass
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is allowed
      When EMS is back with its registry persisted
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is allowed
      And EMS, the certificate store and the access proxy agree on the UID and SN of endpoint "laptop-1"

    @control:CM-6 @control:ZTA-T6
    Scenario: An EMS restart longer than the out-of-sync threshold fails closed until EMS is back
      When EMS goes down for a restart
      And 3 minutes pass
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is denied with NO_DEVICE_INFO because "record-out-of-sync"
      When EMS is back with its registry persisted
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is allowed

    @control:IA-3 @control:ZTMM-DEV-4
    Scenario: With a rebuilt registry every endpoint registers again and its old certificate matches no record
      When EMS goes down for a restart
      And EMS is back with its registry rebuilt
      Then the certificate of endpoint "laptop-1" is not the one kept as "stolen"
      And EMS, the certificate store and the access proxy agree on the UID and SN of endpoint "laptop-1"
      When the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is denied with CERT_INVALID because "sn-mismatch"
      When endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is allowed

    Scenario: A revocation survives a rebuilt registry
      When EMS revokes the client certificate of endpoint "laptop-1"
      And EMS goes down for a restart
      And EMS is back with its registry rebuilt
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is denied with CERT_REVOKED
      And the exposure window of the certificate kept as "stolen" was 0 seconds

  Rule: A restarted access proxy knows nothing until it resyncs, so it never opens a window

    @control:IA-3 @control:ZTA-T6
    Scenario: A revocation made while the access proxy restarts is enforced from the resync on
      When the access proxy restarts
      And EMS revokes the client certificate of endpoint "laptop-1"
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is denied with CERT_INVALID because "untrusted-issuer"
      When 5 seconds pass
      And the certificate kept as "stolen" is used to request "https://intranet.example.com/"
      Then the request is denied with CERT_REVOKED
      And the exposure window of the certificate kept as "stolen" was 0 seconds

    @control:IA-2 @control:AU-2
    Scenario: A restarted access proxy fails closed until its connector resyncs 5 seconds later
      When the access proxy restarts
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is denied with CERT_INVALID because "untrusted-issuer"
      When 4 seconds pass
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is denied with CERT_INVALID because "untrusted-issuer"
      When 1 second passes
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is allowed

  Rule: Clock skew between EMS and the access proxy changes validity, not the out-of-sync threshold

    @control:IA-3 @control:SC-17
    Scenario: An access proxy 30 minutes behind EMS accepts a certificate issued a moment ago
      Given the access proxy's clock is 30 minutes behind EMS's
      When endpoint "laptop-1" reconnects to EMS
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is allowed

    @control:IA-3 @control:SC-17
    Scenario: An access proxy 2 hours behind EMS refuses a fresh certificate as not yet valid until its clock catches up
      Given the access proxy's clock is 120 minutes behind EMS's
      When endpoint "laptop-1" reconnects to EMS
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is denied with CERT_INVALID because "not-yet-valid"
      When 61 minutes pass
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is allowed

    @control:CM-6 @control:ZTA-T6
    Scenario Outline: An access proxy whose clock is <skew> EMS's still closes an outage's window after 180 seconds
      Given the access proxy's clock is 10 minutes <skew> EMS's
      When the fabric link goes down
      And EMS revokes the client certificate of endpoint "laptop-1"
      And the certificate kept as "stolen" is tried on "https://intranet.example.com/" every 30 seconds until it is denied
      Then the request is denied with NO_DEVICE_INFO because "record-out-of-sync"
      And the exposure window of the certificate kept as "stolen" was 180 seconds

      Examples:
        | skew     |
        | behind   |
        | ahead of |
