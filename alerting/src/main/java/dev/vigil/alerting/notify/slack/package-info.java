/** The Slack (and Mattermost/Rocket.Chat compatible) incoming-webhook integration. */
package dev.vigil.alerting.notify.slack;
