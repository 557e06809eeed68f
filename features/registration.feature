@control:IA-3
Feature: Registering an endpoint with EMS
  When FortiClient registers with FortiClient EMS it creates a key pair and a certificate signing
  request whose subject is the endpoint's FortiClient UID. The site's ZTNA CA signs it, FortiClient
  installs the certificate in the user's personal certificate store, and EMS syncs the endpoint's
  UID and certificate serial number (SN) to the FortiGate access proxy over the Security Fabric.
  From then on the access proxy asks for that certificate on every HTTPS request.

  Unregistering (disconnecting from EMS) removes the certificate from the store and revokes it on
  EMS; reconnecting starts over with a new key and a new SN. The device is authenticated by a
  certificate only EMS could issue, for the life of the registration and no longer: that is what
  makes the certificate a device identity rather than a bearer token.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered

  @control:IA-2 @control:IA-5(2) @control:SC-17 @control:ZTMM-DEV-2
  Scenario: Registration installs a certificate from the site's ZTNA root CA
    Then the certificate store of endpoint "laptop-1" holds a certificate issued by "default_ZTNARootCA"
    And EMS, the certificate store and the access proxy agree on the UID and SN of endpoint "laptop-1"

  @control:IA-2 @control:AC-3 @control:ZTA-T6
  Scenario: A registered endpoint is allowed with its certificate
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed
    And the decision names the rule "ztna-all"

  @control:AU-3 @control:ZTMM-DEV-5
  Scenario: The access proxy lists the registered endpoint with its certificate SN
    Then diagnose endpoint record list shows endpoint "laptop-1" with its current certificate SN
    And diagnose endpoint record list shows "Registration status: registered" for endpoint "laptop-1"
    And diagnose endpoint record list shows "Host Name: laptop-1" for endpoint "laptop-1"
    And diagnose endpoint record list ends with "online records: 1; offline records: 0; quarantined records: 0; out-of-sync records: 0"

  @control:IA-5(2) @control:AU-3
  Scenario: Unregistering removes the certificate from the store and from the record
    When endpoint "laptop-1" unregisters from EMS
    Then the certificate store of endpoint "laptop-1" is empty
    And diagnose endpoint record list shows "Client cert SN: 0000000000000000000000000000000000000000" for endpoint "laptop-1"
    And diagnose endpoint record list shows "Registration status: unregistered" for endpoint "laptop-1"

  @control:AC-14 @control:ZTA-T6
  Scenario: An unregistered endpoint has no certificate to present and is blocked
    When endpoint "laptop-1" unregisters from EMS
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with CERT_EMPTY
    And the block page shows FortiOS error code "002"

  @control:IA-5(2) @control:ZTMM-DEV-4
  Scenario: A copy of the certificate kept before unregistering is refused as revoked
    Given the certificate of endpoint "laptop-1" is kept as "before-unregister"
    When endpoint "laptop-1" unregisters from EMS
    And the certificate kept as "before-unregister" is used to request "https://intranet.example.com/"
    Then the request is denied with CERT_REVOKED
    And the block page shows FortiOS error code "063"

  @control:IA-2 @control:IA-5(2) @control:SC-12
  Scenario: Reconnecting creates a new key and a new certificate that is allowed
    Given the certificate of endpoint "laptop-1" is kept as "before-unregister"
    When endpoint "laptop-1" unregisters from EMS
    And endpoint "laptop-1" reconnects to EMS
    Then the certificate of endpoint "laptop-1" is not the one kept as "before-unregister"
    And EMS, the certificate store and the access proxy agree on the UID and SN of endpoint "laptop-1"
    When endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed

  @control:IA-5(2) @control:ZTA-T6
  Scenario: A certificate past its validity period is refused until the endpoint reconnects
    When 400 days pass
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is denied with CERT_INVALID because "expired"
    And the block page shows FortiOS error code "001"
    When endpoint "laptop-1" reconnects to EMS
    And endpoint "laptop-1" requests "https://intranet.example.com/"
    Then the request is allowed

  @control:IA-5(2) @control:ZTA-T6
  Scenario Outline: A certificate for the endpoint's UID that EMS would not issue is invalid
    When endpoint "laptop-1" requests "https://intranet.example.com/" with a certificate <certificate>
    Then the request is denied with CERT_INVALID because "<why>"
    And the block page shows FortiOS error code "001"

    Examples:
      | certificate                    | why             |
      | that has expired               | expired         |
      | that is not yet valid          | not-yet-valid   |
      | for server authentication only | not-client-auth |
