# Scaffolded by `ztna-harness init`: an example to adapt.
@control:SC-17
Feature: The ZTNA CA and the EMS SSL certificate are different trust anchors
  The site's ZTNA root CA is the only trust anchor for client certificates. The EMS SSL
  certificate secures EMS's own HTTPS service and the fabric connection, nothing else.

  @control:IA-3 @control:IA-5(2) @control:ZTA-T6
  Scenario: A client certificate signed by the EMS SSL CA is an invalid ZTNA certificate
    Given a ZTNA lab
    And endpoint "laptop-1" is registered
    When endpoint "laptop-1" requests "https://intranet.example.com/" with a certificate signed by the EMS SSL CA
    Then the request is denied with CERT_INVALID because "untrusted-issuer"
    And the block page shows FortiOS error code "001"

  @control:ZTA-T2 @control:CM-6
  Scenario: An EMS server certificate the access proxy does not trust stops the sync
    Given a ZTNA lab whose access proxy does not trust the EMS server certificate
    And endpoint "laptop-1" is registered
    Then the fabric link is untrusted
    And diagnose endpoint record list has no record for endpoint "laptop-1"
