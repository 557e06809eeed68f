@control:ZTA-T2
Feature: The access proxy's EMS connector checks which EMS it talks to before it syncs
  FortiGate's `config endpoint-control fctems` entry decides whether the access proxy takes
  anything from EMS at all. Before a sync the connector verifies EMS's server certificate
  (`execute fctems verify`), against the CA certificate `verifying-ca` names when it is set, then
  compares what EMS reports with what the entry pins: `serial-number` (a mismatch marks the entry
  `dirty-reason mismatched-ems-sn`) and `tenant-id`. `status disable` switches the connector off.
  When a check fails nothing syncs: an endpoint that registers afterwards is unknown to the access
  proxy, and what was synced before goes out of sync after `out-of-sync-threshold` (10 to 3600 s).

  The lab's access proxy holds EMS's SSL CA as the CA certificate `EMS_SSL_CA`; the lab of
  single-site.yaml has EMS serial FCTEMS8822001975 and the default site's tenant id 000…0.

  Background:
    Given a ZTNA lab from "scenarios/single-site.yaml"

  Rule: A pinned serial number or tenant id must be EMS's, or nothing syncs

    @control:IA-3 @control:CM-6
    Scenario: The connector pinned to EMS's own serial number syncs
      Given the access proxy's EMS connector pins the EMS serial number "FCTEMS8822001975"
      And endpoint "new-laptop" is registered with the ZTNA tags "Domain-Users"
      When endpoint "new-laptop" requests "https://intranet.example.com/"
      Then the request is allowed
      And the fabric link is up
      And the access proxy's EMS connector has dirty-reason "none"

    @control:IA-3 @control:CM-6
    Scenario: The connector pinned to another EMS's serial number syncs nothing
      Given the access proxy's EMS connector pins the EMS serial number "FCTEMS0000000001"
      And endpoint "new-laptop" is registered with the ZTNA tags "Domain-Users"
      When endpoint "new-laptop" requests "https://intranet.example.com/"
      Then the request is denied with NO_DEVICE_INFO
      And the fabric link is untrusted
      And the access proxy's EMS connector has dirty-reason "mismatched-ems-sn"
      And the fabric link status says "EMS reports FCTEMS8822001975"

    @control:IA-3 @control:CM-6
    Scenario: The connector pinned to the site's tenant id syncs
      Given the access proxy's EMS connector pins the tenant id "00000000000000000000000000000000"
      And endpoint "new-laptop" is registered with the ZTNA tags "Domain-Users"
      When endpoint "new-laptop" requests "https://intranet.example.com/"
      Then the request is allowed
      And the fabric link is up

    @control:IA-3 @control:CM-6
    Scenario: The connector pinned to another tenant syncs nothing
      Given the access proxy's EMS connector pins the tenant id "5A3C1E7F9B2D4A6C8E0F1A2B3C4D5E6F"
      And endpoint "new-laptop" is registered with the ZTNA tags "Domain-Users"
      When endpoint "new-laptop" requests "https://intranet.example.com/"
      Then the request is denied with NO_DEVICE_INFO
      And the fabric link is untrusted
      And the fabric link status says "EMS tenant id mismatch"

  Rule: EMS's server certificate must be signed by the CA verifying-ca names

    @control:SC-17 @control:CM-6
    Scenario: verifying-ca names the CA that signed EMS's certificate
      Given the access proxy's EMS connector verifies EMS's certificate with the CA "EMS_SSL_CA"
      And endpoint "new-laptop" is registered with the ZTNA tags "Domain-Users"
      When endpoint "new-laptop" requests "https://intranet.example.com/"
      Then the request is allowed
      And the fabric link is up

    @control:SC-17 @control:CM-6
    Scenario: verifying-ca names a CA the access proxy does not hold
      Given the access proxy's EMS connector verifies EMS's certificate with the CA "EMS_CA"
      And endpoint "new-laptop" is registered with the ZTNA tags "Domain-Users"
      When endpoint "new-laptop" requests "https://intranet.example.com/"
      Then the request is denied with NO_DEVICE_INFO
      And the fabric link is untrusted
      And the fabric link status says "EMS server certificate not verified"

  Rule: A disabled connector syncs nothing until it is enabled

    @control:CM-6 @control:ZTA-T5
    Scenario: Disabled, then enabled again
      Given the access proxy's EMS connector is disabled
      And endpoint "new-laptop" is registered with the ZTNA tags "Domain-Users"
      When endpoint "new-laptop" requests "https://intranet.example.com/"
      Then the request is denied with NO_DEVICE_INFO
      And the fabric link is down
      And the fabric link status says "EMS connector disabled"
      When the access proxy's EMS connector is enabled
      And endpoint "new-laptop" requests "https://intranet.example.com/"
      Then the request is allowed

  Rule: Records stay in force for out-of-sync-threshold seconds after the connector loses EMS

    @control:CM-6 @control:ZTA-T6
    Scenario Outline: The threshold at its bounds
      Given the fabric link has an out-of-sync threshold of <threshold> seconds
      When the fabric link goes down
      And <before> seconds pass
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is allowed
      When 1 second passes
      And endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is denied with NO_DEVICE_INFO because "record-out-of-sync"

      Examples:
        | threshold | before |
        | 10        | 9      |
        | 3600      | 3599   |
