# METADATA
# title: Do not copy secret files into the image
# description: |
#   COPY or ADD puts a file that holds credentials into a stage of the built
#   image: an SSH private key (id_rsa, id_ed25519...), a .env file, package
#   registry credentials (.npmrc, .pypirc, .netrc, .git-credentials), a cloud
#   credentials file (credentials.json, .aws/credentials, .docker/config.json,
#   .kube/config, kubeconfig), a private key (*.key, a *.pem that is not a
#   certificate or CA bundle such as ca.pem, cacert.pem, ca-bundle.pem,
#   fullchain.pem or cert.pem) or a keystore (*.p12, *.pfx, *.jks, *.keystore;
#   truststores and cacerts are public, as are keys copied to where package
#   managers read repository keys: /etc/apt, /usr/share/keyrings,
#   /etc/pki/rpm-gpg, /etc/apk/keys). Anyone who can pull the image can
#   read it, even if a later step deletes it. Stages that are not part of
#   the built image are not reported.
# custom:
#   id: DF012
#   name: secret-file
#   severity: warning
#   precision: medium
#   input: dockerfile
#   remediation: Mount the file only for the step that needs it (RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci, or --mount=type=ssh), exclude it in .dockerignore, and rotate it if an image with it was pushed.
#   why: |
#     Image layers are archives: a file copied in one layer and deleted in the
#     next is still in the image. Build secrets are never written to a layer.
#   bad: |
#     COPY .npmrc /root/.npmrc
#     RUN npm ci && rm /root/.npmrc
#   good: |
#     RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci
#   references:
#     - https://docs.docker.com/build/building/secrets/
#     - https://docs.docker.com/build/concepts/context/#dockerignore-files
package rules.dockerfile.DF012

import data.lib.dockerfile as df
import data.lib.result

deny contains result.at_range(msg, df.args_range(inst)) if {
	some inst in (df.instructions("copy") | df.instructions("add"))
	df.in_image(inst)
	some src in df.sources(inst)
	secret_file(trim_right(src, "/"))
	not key_directory(inst.args[count(inst.args) - 1])
	msg := sprintf("%s is copied into the image by %s, where anyone who pulls it can read it", [src, upper(inst.cmd)])
}

# key_directory: keys copied where package managers read repository
# signing keys are public keys (COPY nodesource.key /usr/share/keyrings/).
key_directory(dest) if regex.match(`(^|/)(etc/apt|usr/share/keyrings|etc/pki/rpm-gpg|etc/apk/keys)(/|$)`, dest)

secret_names := {
	"id_rsa", "id_dsa", "id_ecdsa", "id_ed25519", "id_ecdsa_sk", "id_ed25519_sk",
	".npmrc", ".pypirc", ".netrc", ".git-credentials", ".dockercfg",
	"credentials.json", "privkey.pem", "key.pem",
}

secret_file(path) if df.base(path) in secret_names

# .env and .env.local, .env.production...; not .env.example and other templates.
secret_file(path) if {
	name := df.base(path)
	regex.match(`^\.env(\.[A-Za-z0-9_-]+)?$`, name)
	not regex.match(`\.(example|sample|template|dist|defaults?)$`, name)
}

# private keys in PEM files named for it: server-key.pem, tls.key.pem (not public-key.pem).
secret_file(path) if {
	name := lower(df.base(path))
	regex.match(`[._-](priv(ate)?[._-]?)?key\.pem$`, name)
	not contains(name, "pub")
}

# private keys and keystores by extension: server.key, tls.p12, app.jks.
secret_file(path) if {
	name := lower(df.base(path))
	regex.match(`\.(key|p12|pfx|jks|keystore|ppk)$`, name)
	not public_name(name)
}

# PEM files, unless their name says they hold certificates.
secret_file(path) if {
	name := lower(df.base(path))
	endswith(name, ".pem")
	not public_name(name)
	not regex.match(`(^|[._-])(ca|cacerts?|certs?|certificates?|chain|fullchain|bundle|ca-bundle|ca-certificates|root|roots|intermediate|trust|truststore|tls-ca|rds-combined-ca-bundle|global-bundle)([._-]|$)|crt\.pem$|cert\.pem$`, name)
}

# kubeconfig, kubeconfig.yaml, admin.kubeconfig.
secret_file(path) if {
	name := lower(df.base(path))
	regex.match(`(^|[._-])kubeconfig([._-].*)?$`, name)
}

# Public keys, truststores, and package signing keys (nginx_signing.key,
# repo.gpg.key, archive-keyring.key).
public_name(name) if regex.match(`(^|[._-])(pub|public|trust|truststore|cacerts|signing|gpg|pgp|apt|repo|keyring|archive-keyring|release)([._-]|$)|pubkey|\.pub\.`, name)

secret_file(path) if {
	some suffix in {".ssh", ".aws/credentials", ".docker/config.json", ".kube/config"}
	path_ends_with(path, suffix)
}

path_ends_with(path, suffix) if path == suffix

path_ends_with(path, suffix) if endswith(path, concat("", ["/", suffix]))
