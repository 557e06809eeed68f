@control:AC-14 @control:CM-6
Feature: What the access proxy does with a client that presents no certificate
  `config firewall access-proxy` decides what happens when a client sends no certificate, because
  the user cancelled the certificate prompt or the device has no FortiClient at all:

  - `set empty-cert-action block` (the default here) denies the request (FortiOS error code 002);
  - `set empty-cert-action accept` sends it to proxy-rule processing without a device identity;
  - `set empty-cert-action accept-unmanageable` (FortiOS 7.2.1+) does so only for an unmanageable
    device, one FortiClient cannot run on, and denies every other client (error code 003).

  With `set user-agent-detect enable` (the default) the access proxy classifies a certificate-less
  client from its User-Agent: a mobile browser is unmanageable and carries the built-in tag
  EMS_ALL_UNMANAGEABLE_CLIENTS, anything else is unknown and carries EMS_ALL_UNKNOWN_CLIENTS. With
  `set client-cert disable` no certificate is requested at all, and every client is treated as
  certificate-less. Each of these settings widens who can reach an application without device
  authentication, so each is a reviewed, tested decision.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered with the ZTNA tags "Domain-Users"
    And endpoint "phone-1" is a mobile browser without FortiClient
    And endpoint "kiosk-1" is a desktop browser without FortiClient
    And the access proxy has these proxy rules:
      | name          | host               | tags                         | action |
      | mobile-portal | portal.example.com | EMS_ALL_UNMANAGEABLE_CLIENTS | accept |
      | guest-portal  | portal.example.com | EMS_ALL_UNKNOWN_CLIENTS      | accept |
      | staff-portal  | portal.example.com | Domain-Users                 | accept |

  @control:IA-3 @control:ZTA-T6
  Scenario Outline: A certificate-less <client> is denied under empty-cert-action <action>
    Given the access proxy has empty-cert-action <action>
    When endpoint "<client>" requests "https://portal.example.com/" without a certificate
    Then the request is denied with <reason>
    And the block page shows FortiOS error code "<code>"

    Examples: empty-cert-action block denies every client without a certificate
      | action | client   | reason     | code |
      | block  | laptop-1 | CERT_EMPTY | 002  |
      | block  | phone-1  | CERT_EMPTY | 002  |
      | block  | kiosk-1  | CERT_EMPTY | 002  |

    Examples: accept-unmanageable denies the devices that could run FortiClient
      | action              | client   | reason                | code |
      | accept-unmanageable | laptop-1 | CERT_EMPTY_MANAGEABLE | 003  |
      | accept-unmanageable | kiosk-1  | CERT_EMPTY_MANAGEABLE | 003  |

  @control:AC-3 @control:ZTA-T4 @control:ZTMM-DEV-3
  Scenario Outline: A certificate-less <client> goes on to the proxy rules under empty-cert-action <action>
    Given the access proxy has empty-cert-action <action>
    When endpoint "<client>" requests "https://portal.example.com/" without a certificate
    Then the request is allowed
    And the decision names the rule "<rule>"

    Examples: accept lets every client through to the rules, tagged by its device class
      | action | client   | rule          |
      | accept | laptop-1 | guest-portal  |
      | accept | phone-1  | mobile-portal |
      | accept | kiosk-1  | guest-portal  |

    Examples: accept-unmanageable lets only the unmanageable device through
      | action              | client  | rule          |
      | accept-unmanageable | phone-1 | mobile-portal |

  @control:IA-2 @control:IA-3
  Scenario Outline: A client that presents its certificate is authenticated whatever the empty-cert-action
    Given the access proxy has empty-cert-action <action>
    When endpoint "laptop-1" requests "https://portal.example.com/"
    Then the request is allowed
    And the decision names the rule "staff-portal"

    Examples:
      | action              |
      | block               |
      | accept-unmanageable |

  @control:ZTA-T4
  Scenario Outline: The User-Agent decides whether a certificate-less client is unmanageable
    Given the access proxy has empty-cert-action accept-unmanageable
    When a client without a certificate requests "https://portal.example.com/" with the user agent "<user agent>"
    Then the request is <outcome>

    Examples:
      | user agent                                                                                    | outcome                           |
      | Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36 | allowed                           |
      | curl/8.5.0                                                                                    | denied with CERT_EMPTY_MANAGEABLE |

  @control:ZTA-T4
  Scenario: With user-agent-detect disabled a mobile browser is an unknown client
    Given the access proxy has empty-cert-action accept
    And the access proxy has user-agent-detect disable
    When endpoint "phone-1" requests "https://portal.example.com/"
    Then the request is allowed
    And the decision names the rule "guest-portal"

  @control:IA-3
  Scenario: With user-agent-detect disabled accept-unmanageable admits no certificate-less client
    Given the access proxy has empty-cert-action accept-unmanageable
    And the access proxy has user-agent-detect disable
    When endpoint "phone-1" requests "https://portal.example.com/"
    Then the request is denied with CERT_EMPTY_MANAGEABLE
    And the block page shows FortiOS error code "003"

  @control:AC-3 @control:ZTA-T4
  Scenario: With client-cert disabled a registered endpoint is not identified and loses its posture tags
    Given the access proxy has client-cert disable
    And the access proxy has these proxy rules:
      | name         | host               | tags         | action |
      | staff-portal | portal.example.com | Domain-Users | accept |
    When endpoint "laptop-1" requests "https://portal.example.com/"
    Then the request is denied with TAGS_NO_MATCH
    And the block page shows FortiOS error code "065"

  @control:AC-3
  Scenario: With client-cert disabled empty-cert-action block is never consulted
    Given the access proxy has client-cert disable
    And the access proxy has empty-cert-action block
    When endpoint "phone-1" requests "https://portal.example.com/"
    Then the request is allowed
    And the decision names the rule "mobile-portal"
