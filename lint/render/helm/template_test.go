package helm

import "testing"

func TestTemplateWalk(t *testing.T) {
	const tpl = `apiVersion: apps/v1
kind: Deployment
spec:
  template:
    spec:
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          image: "{{ .Values.image.repository }}"
          ports:
            - containerPort: 80
        - name: sidecar
          securityContext:
            privileged: true
---
apiVersion: v1
kind: Service
spec:
  ports:
  - port: 80
`
	for _, tc := range []struct {
		name    string
		doc     int
		path    []any
		matched int
		line    int
		values  string
	}{
		{"literal key", 0, []any{"spec", "template", "spec", "containers", 0, "image"}, 6, 14, ""},
		{"second item", 0, []any{"spec", "template", "spec", "containers", 1, "securityContext", "privileged"}, 7, 19, ""},
		{"nested list", 0, []any{"spec", "template", "spec", "containers", 0, "ports", 0, "containerPort"}, 8, 16, ""},
		{"toYaml values", 0, []any{"spec", "template", "spec", "containers", 0, "securityContext", "runAsNonRoot"}, 6, 12, "securityContext"},
		{"with values", 0, []any{"spec", "template", "spec", "nodeSelector", "disk"}, 4, 7, "nodeSelector"},
		{"not written", 0, []any{"spec", "template", "spec", "volumes", 0}, 3, 5, ""},
		{"second document", 1, []any{"spec", "ports", 0, "port"}, 4, 25, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newTemplate([]byte(tpl), tc.doc).walk(tc.path)
			if w.matched != tc.matched || w.line != tc.line || w.values != tc.values {
				t.Errorf("walk(%v) = %+v, want matched %d line %d values %q", tc.path, w, tc.matched, tc.line, tc.values)
			}
		})
	}
}
