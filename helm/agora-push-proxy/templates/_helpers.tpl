{{/*
The chart name, shortened to the 63 characters a label value allows.
*/}}
{{- define "agora-push-proxy.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The full name of the release's objects: <release>-<chart>, or the release name alone when
it already contains the chart name.
*/}}
{{- define "agora-push-proxy.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The management Service's name: the full name, shortened so that "-management" still fits
the 63 characters a Service name allows.
*/}}
{{- define "agora-push-proxy.managementServiceName" -}}
{{- printf "%s-management" (include "agora-push-proxy.fullname" . | trunc 52 | trimSuffix "-") }}
{{- end }}

{{/*
The Redis ports the NetworkPolicy lets pods reach: networkPolicy.egress.redisPorts, or the
port of redis.url (6379 when it names none), as a YAML list.
*/}}
{{- define "agora-push-proxy.redisPorts" -}}
{{- if .Values.networkPolicy.egress.redisPorts }}
{{- toYaml .Values.networkPolicy.egress.redisPorts }}
{{- else }}
{{- $authority := regexReplaceAll "^rediss?://([^@/?#]*@)?([^/?#]*).*$" .Values.redis.url "${2}" }}
{{- $port := regexFind ":[0-9]+$" $authority | trimPrefix ":" | default "6379" }}
{{- toYaml (list ($port | int)) }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "agora-push-proxy.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The standard labels of every object.
*/}}
{{- define "agora-push-proxy.labels" -}}
helm.sh/chart: {{ include "agora-push-proxy.chart" . }}
{{ include "agora-push-proxy.selectorLabels" . }}
app.kubernetes.io/version: {{ .Values.image.tag | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: agora-push-proxy
{{- end }}

{{/*
The labels that select the application's pods (never change them: selectors are immutable).
*/}}
{{- define "agora-push-proxy.selectorLabels" -}}
app.kubernetes.io/name: {{ include "agora-push-proxy.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The ServiceAccount the pods run as.
*/}}
{{- define "agora-push-proxy.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "agora-push-proxy.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image reference; the tag defaults to the chart's appVersion.
*/}}
{{- define "agora-push-proxy.image" -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) }}
{{- end }}

{{/*
The Secret holding the App Certificate, the JWT secret and the client secret.
*/}}
{{- define "agora-push-proxy.secretName" -}}
{{- if .Values.secrets.existingSecret }}
{{- .Values.secrets.existingSecret }}
{{- else }}
{{- include "agora-push-proxy.fullname" . }}
{{- end }}
{{- end }}

{{/*
Whether callers' JWTs are verified through a JWK set or an issuer rather than the shared
HS256 secret: "true" or "".
*/}}
{{- define "agora-push-proxy.usesJwkVerification" -}}
{{- if or .Values.security.jwkSetUri .Values.security.issuerUri }}true{{ end }}
{{- end }}

{{/*
Whether the App ID and Certificate are needed: every token mode but client-credentials,
and client-credentials too when an App ID is given (the application then checks both).
*/}}
{{- define "agora-push-proxy.needsAppCertificate" -}}
{{- if or (ne .Values.agora.tokenMode "client-credentials") .Values.agora.appId }}true{{ end }}
{{- end }}

{{/*
Spring Boot's lifecycle.timeout-per-shutdown-phase of application.yml, in seconds: how long
requests in flight may take after SIGTERM. The grace period must exceed it plus preStop.
*/}}
{{- define "agora-push-proxy.appShutdownSeconds" -}}
20
{{- end }}

{{/*
The number of pods the App Key's rate-limit budget is divided by: replicaCount, or the
HPA's maxReplicas (the most pods that can run at once) while autoscaling is on.
*/}}
{{- define "agora-push-proxy.rateLimitReplicas" -}}
{{- if .Values.autoscaling.enabled }}
{{- .Values.autoscaling.maxReplicas | int }}
{{- else }}
{{- .Values.replicaCount | int }}
{{- end }}
{{- end }}

{{/*
The operations with a rate limit: values key (agora.rateLimit.operations.<key>) to the
suffix of their AGORA_RATE_LIMIT_<SUFFIX> environment variable.
*/}}
{{- define "agora-push-proxy.rateLimitOperations" -}}
userAttributes: USER_ATTRIBUTES
setPushSettings: SET_PUSH_SETTINGS
getPushSettings: GET_PUSH_SETTINGS
setLanguage: SET_LANGUAGE
getLanguage: GET_LANGUAGE
createTemplate: CREATE_TEMPLATE
getTemplate: GET_TEMPLATE
deleteTemplate: DELETE_TEMPLATE
getUser: GET_USER
{{- end }}

{{/*
Each pod's share of an operation's App Key budget: floor(budget / replicas), at least 2
(the least the application accepts). Call with (dict "root" $ "operation" "<key>").
*/}}
{{- define "agora-push-proxy.rateLimitPerPod" -}}
{{- $rateLimit := .root.Values.agora.rateLimit }}
{{- $budget := index $rateLimit.operations .operation | default $rateLimit.appKeyBudgetPerSecond | int }}
{{- if .root.Values.redis.enabled }}
{{- $budget }}
{{- else }}
{{- $replicas := include "agora-push-proxy.rateLimitReplicas" .root | int }}
{{- max 2 (div $budget $replicas) }}
{{- end }}
{{- end }}

{{/*
Whether some operation's share was raised to the minimum of 2, so the pods together may
exceed the App Key's budget: "true" or "".
*/}}
{{- define "agora-push-proxy.rateLimitClamped" -}}
{{- $root := . }}
{{- if not .Values.redis.enabled }}
{{- $replicas := include "agora-push-proxy.rateLimitReplicas" . | int }}
{{- range $key, $suffix := include "agora-push-proxy.rateLimitOperations" . | fromYaml }}
{{- $budget := index $root.Values.agora.rateLimit.operations $key | default $root.Values.agora.rateLimit.appKeyBudgetPerSecond | int }}
{{- if lt (div $budget $replicas) 2 }}true{{ end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Checks across values that values.schema.json cannot express. Fails with a message naming
the value to set.
*/}}
{{- define "agora-push-proxy.validate" -}}
{{- $preStop := .Values.shutdown.preStopSleepSeconds | int }}
{{- $shutdown := include "agora-push-proxy.appShutdownSeconds" . | int }}
{{- $grace := .Values.shutdown.terminationGracePeriodSeconds | int }}
{{- if le $grace (add $preStop $shutdown) }}
{{- fail (printf "shutdown.terminationGracePeriodSeconds (%d) must exceed shutdown.preStopSleepSeconds (%d) plus the application's %d s shutdown timeout" $grace $preStop $shutdown) }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (.Values.autoscaling.minReplicas | int) (.Values.autoscaling.maxReplicas | int)) }}
{{- fail "autoscaling.minReplicas must not exceed autoscaling.maxReplicas" }}
{{- end }}
{{- if include "agora-push-proxy.needsAppCertificate" . }}
{{- $_ := required (printf "agora.appId is required for agora.tokenMode %s (32 hex characters)" .Values.agora.tokenMode) .Values.agora.appId }}
{{- end }}
{{- if not .Values.allowInsecureHttp }}
{{- range $name, $url := dict "agora.baseUrl" .Values.agora.baseUrl "security.jwkSetUri" .Values.security.jwkSetUri "security.issuerUri" .Values.security.issuerUri }}
{{- if hasPrefix "http://" (lower $url) }}
{{- fail (printf "%s must be an https URL (plain http only with allowInsecureHttp=true, for a test cluster)" $name) }}
{{- end }}
{{- end }}
{{- end }}
{{- if eq .Values.agora.tokenMode "client-credentials" }}
{{- $_ := required "agora.clientId is required for agora.tokenMode client-credentials" .Values.agora.clientId }}
{{- end }}
{{- if not .Values.secrets.existingSecret }}
{{- if include "agora-push-proxy.needsAppCertificate" . }}
{{- $_ := required "secrets.appCertificate (32 hex characters) or secrets.existingSecret is required" .Values.secrets.appCertificate }}
{{- end }}
{{- if not (include "agora-push-proxy.usesJwkVerification" .) }}
{{- $_ := required "secrets.jwtSecret (at least 32 bytes) or secrets.existingSecret is required, unless security.jwkSetUri or security.issuerUri is set" .Values.secrets.jwtSecret }}
{{- end }}
{{- if eq .Values.agora.tokenMode "client-credentials" }}
{{- $_ := required "secrets.clientSecret or secrets.existingSecret is required for agora.tokenMode client-credentials" .Values.secrets.clientSecret }}
{{- end }}
{{- end }}
{{- end }}
