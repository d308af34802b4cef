package linttest

import (
	"fmt"
	"io"
)

// CorpusDoc writes document j of file i of the benchmark corpus: in turn a
// hardened Deployment, a Deployment on default settings, a StatefulSet or
// CronJob, a Service and, when kinds is 5, a ConfigMap. kinds is 4 or 5.
func CorpusDoc(w io.Writer, i, j, kinds int) {
	name := fmt.Sprintf("svc-%d-%d", i, j)
	ns := fmt.Sprintf("team-%d", i%25)
	switch j % kinds {
	case 0:
		fmt.Fprintf(w, `apiVersion: apps/v1
kind: Deployment
metadata:
  name: %[1]s
  namespace: %[2]s
  labels: {app: %[1]s, tier: backend}
spec:
  replicas: 3
  selector:
    matchLabels: {app: %[1]s}
  template:
    metadata:
      labels: {app: %[1]s}
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: {type: RuntimeDefault}
      containers:
        - name: app
          image: registry.example.com/%[1]s:1.%[3]d.0@sha256:0d7e4f5a8c6b3e2d1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e
          ports: [{containerPort: 8080}]
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          resources:
            limits: {cpu: 500m, memory: 256Mi}
          env:
            - {name: LOG_LEVEL, value: info}
            - name: DB_PASSWORD
              valueFrom: {secretKeyRef: {name: db, key: password}}
`, name, ns, j)
	case 1:
		fmt.Fprintf(w, `# legacy service, defaults only
apiVersion: apps/v1
kind: Deployment
metadata:
  name: %[1]s
  namespace: %[2]s
spec:
  selector:
    matchLabels: {app: %[1]s}
  template:
    metadata:
      labels: {app: %[1]s}
    spec:
      initContainers:
        - name: migrate
          image: busybox:1.36
          command: [sh, -c, "echo migrating"]
      containers:
        - name: app
          image: nginx:latest
          ports:
            - containerPort: 80
              hostPort: 8080
          env:
            - name: API_TOKEN
              value: "tok_%[1]s"
`, name, ns)
	case 2:
		fmt.Fprintf(w, `apiVersion: batch/v1
kind: CronJob
metadata:
  name: %[1]s
  namespace: %[2]s
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          hostNetwork: true
          containers:
            - name: job
              image: python:3.9-slim
              securityContext:
                privileged: true
              volumeMounts: [{name: host, mountPath: /host}]
          volumes:
            - name: host
              hostPath: {path: /var/log}
`, name, ns)
	case 3:
		fmt.Fprintf(w, `apiVersion: v1
kind: Service
metadata:
  name: %[1]s
  namespace: %[2]s
spec:
  selector: {app: %[1]s}
  ports:
    - port: 80
      targetPort: 8080
`, name, ns)
	case 4:
		fmt.Fprintf(w, `apiVersion: v1
kind: ConfigMap
metadata:
  name: %[1]s
  namespace: %[2]s
data:
  config.yaml: |
    server:
      port: 8080
      timeout: 30s
`, name, ns)
	}
}
