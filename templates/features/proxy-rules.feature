# Scaffolded by `ztna-harness init`: an example to adapt.
@control:AC-3 @control:ZTA-T4
Feature: ZTNA proxy rules decide what an authenticated device may reach
  Rules are evaluated in order and the first match wins: destination, then the device's ZTNA tags
  (or / and / negate), then the rule's action.

  Background:
    Given a ZTNA lab
    And endpoint "hr-laptop" is registered with the ZTNA tags "Domain-Users, HR"
    And endpoint "dev-laptop" is registered with the ZTNA tags "Domain-Users, Developers"
    And the access proxy has these proxy rules:
      | name       | host                 | tags         | match | action |
      | quarantine | *.example.com        | Vulnerable   | or    | deny   |
      | hr-app     | hr.example.com       | HR           | or    | accept |
      | intranet   | intranet.example.com | Domain-Users | or    | accept |

  @control:ZTMM-DEV-3 @control:ZTA-T1
  Scenario: A device with the rule's tag reaches its application
    When endpoint "hr-laptop" requests "https://hr.example.com/"
    Then the request is allowed
    And the decision names the rule "hr-app"

  @control:ZTA-T6 @control:ZTMM-DEV-3
  Scenario: A device without the rule's tags is refused
    When endpoint "dev-laptop" requests "https://hr.example.com/"
    Then the request is denied with TAGS_NO_MATCH
    And the block page shows FortiOS error code "065"

  @control:ZTA-T1 @control:CM-7
  Scenario: A destination no rule covers is refused: no API gateway maps it
    When endpoint "hr-laptop" requests "https://payroll.example.net/"
    Then the request is denied with APP_NOT_FOUND
    And the block page shows FortiOS error code "021"

  @control:ZTA-T3 @control:ZTMM-DEV-4
  Scenario: Access follows the device's posture as EMS updates its tags
    When EMS sets the ZTNA tags of endpoint "hr-laptop" to "Domain-Users, HR, Vulnerable"
    And endpoint "hr-laptop" requests "https://hr.example.com/"
    Then the request is denied with TAGS_DENY
    And the decision names the rule "quarantine"
