{{/* The chart's name, overridable. */}}
{{- define "snaptastic.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: the release name, with the chart's name unless it already holds it. */}}
{{- define "snaptastic.fullname" -}}
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

{{- define "snaptastic.selectorLabels" -}}
app.kubernetes.io/name: {{ include "snaptastic.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "snaptastic.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "snaptastic.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "snaptastic.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "snaptastic.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret holding the API token, or nothing when the agent makes its own token file. */}}
{{- define "snaptastic.tokenSecretName" -}}
{{- if and .Values.token.existingSecret .Values.token.value }}
{{- fail "token: set either existingSecret or value, not both" }}
{{- end }}
{{- if and (not .Values.hostNetwork) (not .Values.token.existingSecret) (not .Values.token.value) }}
{{- fail "hostNetwork: false puts the management port on the pod's address, and the agent then needs a provisioned token: set token.existingSecret or token.value" }}
{{- end }}
{{- if .Values.token.existingSecret }}
{{- .Values.token.existingSecret }}
{{- else if .Values.token.value }}
{{- printf "%s-token" (include "snaptastic.fullname" .) }}
{{- end }}
{{- end }}

{{/*
Where the management port listens. With hostNetwork, on the node's loopback: the kubelet, in the
node's network namespace, probes it at 127.0.0.1. Without, on the pod's address, where the kubelet
probes it; the agent then insists on a provisioned token, since it listens beyond loopback.
*/}}
{{- define "snaptastic.managementAddress" -}}
{{- if .Values.hostNetwork }}127.0.0.1{{ else }}0.0.0.0{{ end }}
{{- end }}

{{/* The agent's application.yml: listen addresses from the values, and their snaptastic section. */}}
{{- define "snaptastic.applicationYaml" -}}
server:
  address: {{ .Values.server.address | quote }}
  port: {{ .Values.server.port }}
management:
  server:
    port: {{ .Values.managementPort }}
    address: {{ include "snaptastic.managementAddress" . | quote }}
snaptastic:
{{- toYaml (merge (dict "state-dir" .Values.stateDir) (deepCopy .Values.snaptastic)) | nindent 2 }}
{{- end }}
