@control:AC-3(7) @control:IA-2
Feature: ZTNA rules that name users or user groups admit only those users
  A ZTNA rule may name `users` and `groups` besides its addresses and tags. When everything else
  of such a rule matches, the request must come from an authenticated user: without one the
  access proxy asks for authentication (HTTP 401, no block page, so no error code) before it
  reads any further rule; a user who is neither named nor a member of a named group makes the
  rule not match, and the next rule is read. User groups are `config user group` entries; the
  lab declares who belongs to which.

  Background:
    Given a ZTNA lab
    And endpoint "laptop-1" is registered with the ZTNA tags "Domain-Users"
    And the lab has the user "alice" in the groups "HR-Staff"
    And the lab has the user "bob" in the groups "Engineering"
    And the lab has the user "dave" in the groups "Guests"
    And the access proxy has these ZTNA rules:
      | id | name        | srcaddr | users | groups      | action |
      | 1  | hr-staff    | all     |       | HR-Staff    | accept |
      | 2  | contractor  | all     | carol |             | accept |
      | 3  | engineering | all     |       | Engineering | deny   |

  Scenario: A member of the rule's group is allowed
    When user "alice" on endpoint "laptop-1" requests "https://hr.example.com/"
    Then the request is allowed
    And the decision names the rule "hr-staff"

  Scenario: A user the rule names is allowed without being in its groups
    Given the lab has the user "carol" in the groups "Contractors"
    When user "carol" on endpoint "laptop-1" requests "https://hr.example.com/"
    Then the request is allowed
    And the decision names the rule "contractor"

  Scenario: A user outside the group goes on to the next rule
    When user "bob" on endpoint "laptop-1" requests "https://hr.example.com/"
    Then the request is denied with POLICY_DENY
    And the decision names the rule "engineering"
    And the block page shows FortiOS error code "062"

  Scenario: A user no rule admits is refused with no policy match
    When user "dave" on endpoint "laptop-1" requests "https://hr.example.com/"
    Then the request is denied with NO_POLICY_MATCH
    And the block page shows FortiOS error code "061"

  Scenario: A request without a user is asked to authenticate by the first group rule
    When endpoint "laptop-1" requests "https://hr.example.com/"
    Then the request is denied with AUTH_REQUIRED
    And the decision names the rule "hr-staff"
    And the access proxy answers with HTTP status 401
    And the block page shows no FortiOS error code

  @control:ZTA-T4
  Scenario: The device's tags are read before the user
    Given the access proxy has these ZTNA rules:
      | id | name     | ztna-ems-tag | groups   | action |
      | 1  | hr-admin | EMS1_ZTNA_HR | HR-Staff | accept |
    When user "alice" on endpoint "laptop-1" requests "https://hr.example.com/"
    Then the request is denied with TAGS_NO_MATCH
    When EMS sets the ZTNA tags of endpoint "laptop-1" to "Domain-Users, HR"
    And user "alice" on endpoint "laptop-1" requests "https://hr.example.com/"
    Then the request is allowed
    And the decision names the rule "hr-admin"

  @control:AC-14
  Scenario: An authenticated user without a device certificate reaches the rules when empty certificates are accepted
    Given the access proxy has empty-cert-action accept
    When user "alice" without a certificate requests "https://hr.example.com/" with the user agent "curl/8.5.0"
    Then the request is allowed
    And the decision names the rule "hr-staff"
    When a client without a certificate requests "https://hr.example.com/" with the user agent "curl/8.5.0"
    Then the request is denied with AUTH_REQUIRED
    And the access proxy answers with HTTP status 401

  @control:AC-14 @control:IA-3
  Scenario: An authenticated user does not replace the device certificate
    When user "alice" without a certificate requests "https://hr.example.com/" with the user agent "curl/8.5.0"
    Then the request is denied with CERT_EMPTY
    And the block page shows FortiOS error code "002"
