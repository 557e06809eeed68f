@control:SC-17
Feature: The ZTNA CA and the EMS SSL certificate are different trust anchors
  EMS holds two kinds of certificate that are easy to confuse. The ZTNA CA of each site
  (`default_ZTNARootCA`) signs the client certificates FortiClient presents to the access proxy;
  it is the only trust anchor for client authentication. The EMS SSL certificate secures EMS's
  HTTPS service and the Security Fabric connection to FortiGate; FortiGate verifies it when it
  connects to EMS (`execute fctems verify`, `verifying-ca`), and never accepts a client
  certificate because it chains to it.

  The two failures mirror each other. A client certificate signed by the EMS SSL CA is an invalid
  ZTNA certificate. An EMS server certificate that FortiGate does not trust means no sync at all:
  no ZTNA root, no endpoint records, so no certificate authenticates and the access proxy fails
  closed.

  Rule: Only the site's ZTNA root CA authenticates client certificates

    Background:
      Given a ZTNA lab
      And endpoint "laptop-1" is registered

    @control:IA-5(2) @control:ZTMM-DEV-2
    Scenario: Endpoints receive certificates from the ZTNA CA, not from the EMS SSL CA
      Then the certificate store of endpoint "laptop-1" holds a certificate issued by "default_ZTNARootCA"
      When endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is allowed

    @control:IA-3 @control:IA-5(2) @control:ZTA-T6
    Scenario: A client certificate signed by the EMS SSL CA is an invalid ZTNA certificate
      When endpoint "laptop-1" requests "https://intranet.example.com/" with a certificate signed by the EMS SSL CA
      Then the request is denied with CERT_INVALID because "untrusted-issuer"
      And the block page shows FortiOS error code "001"

    @control:ZTA-T2 @control:CM-6
    Scenario: A verified EMS server certificate lets the fabric link sync
      Then the fabric link is up
      And the fabric link status says "EMS server certificate verified"
      And diagnose endpoint record list shows endpoint "laptop-1" with its current certificate SN

  Rule: An EMS server certificate the access proxy does not trust stops the sync

    Background:
      Given a ZTNA lab whose access proxy does not trust the EMS server certificate
      And endpoint "laptop-1" is registered

    @control:ZTA-T2 @control:CM-6
    Scenario: An untrusted EMS server certificate stops the sync
      Then the fabric link is untrusted
      And the fabric link status says "no sync"
      And diagnose endpoint record list has no record for endpoint "laptop-1"

    @control:IA-3 @control:ZTA-T6
    Scenario: Without a sync even a registered endpoint's certificate is untrusted
      When endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is denied with CERT_INVALID because "untrusted-issuer"
      And the block page shows FortiOS error code "001"

    @control:ZTA-T2
    Scenario: Restoring the link does not get past an untrusted EMS server certificate
      When the fabric link is restored
      Then the fabric link is untrusted
      When endpoint "laptop-1" requests "https://intranet.example.com/"
      Then the request is denied with CERT_INVALID because "untrusted-issuer"
