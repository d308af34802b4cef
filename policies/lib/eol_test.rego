package lib.eol_test

import data.lib.eol

img(registry, repository, tag) := {
	"raw": ref, "ref": ref, "registry": registry, "repository": repository,
	"name": regex.replace(repository, `^.*/`, ""), "tag": tag, "digest": "",
	"official": startswith(repository, "library/"), "unresolved": false, "unknown": false, "scratch": false, "pinned": false, "source": "from",
	"range": {"line": 1, "column": 6, "endLine": 1, "endColumn": 20, "offset": 5, "endOffset": 19},
} if ref := concat(":", [repository, tag])

hub(repository, tag) := img("docker.io", repository, tag)

# cycle_of is the [product, cycle] an official image's tag names.
cycle_of(name, tag) := [r.product, r.cycle] if r := eol.release(hub(concat("/", ["library", name]), tag))

test_tag_parsing if {
	every case in [
		["python", "3.12-slim-bookworm", ["python", "3.12"]],
		["python", "3.8", ["python", "3.8"]],
		["python", "3.8.18-alpine3.19", ["python", "3.8"]],
		["python", "3.10", ["python", "3.10"]],
		["python", "3.1", ["python", "3.1"]],
		["python", "2", ["python", "2.7"]],
		["python", "2.7.18-buster", ["python", "2.7"]],
		["python", "3.14.0rc1-slim", ["python", "3.14"]],
		["node", "18-alpine", ["node", "18"]],
		["node", "18.20.4-bookworm-slim", ["node", "18"]],
		["node", "hydrogen-alpine", ["node", "18"]],
		["node", "lts-gallium", ["node", "16"]],
		["node", "0.10", ["node", "0.10"]],
		["golang", "1.21.5-alpine", ["golang", "1.21"]],
		["golang", "1.21", ["golang", "1.21"]],
		["golang", "1.22rc2-bookworm", ["golang", "1.22"]],
		["mysql", "8.0", ["mysql", "8.0"]],
		["mysql", "8.0.36-debian", ["mysql", "8.0"]],
		["mysql", "5.7", ["mysql", "5.7"]],
		["mysql", "5", ["mysql", "5.7"]],
		["postgres", "16.1-bookworm", ["postgres", "16"]],
		["postgres", "9.6.24-alpine", ["postgres", "9.6"]],
		["postgres", "9", ["postgres", "9.6"]],
		["redis", "7.2.4-alpine3.19", ["redis", "7.2"]],
		["redis", "6", ["redis", "6.2"]],
		["php", "7.4-fpm-alpine", ["php", "7.4"]],
		["php", "7-apache", ["php", "7.4"]],
		["php", "8.1-cli", ["php", "8.1"]],
		["ruby", "2.7-slim", ["ruby", "2.7"]],
		["ruby", "3.2.2", ["ruby", "3.2"]],
		["nginx", "1.25.3-alpine-slim", ["nginx", "1.25"]],
		["nginx", "1.24", ["nginx", "1.24"]],
		["openjdk", "8-jdk-alpine", ["openjdk", "8"]],
		["openjdk", "8u342-jre", ["openjdk", "8"]],
		["openjdk", "11.0.16-jre-slim-buster", ["openjdk", "11"]],
		["eclipse-temurin", "17-jdk-jammy", ["eclipse-temurin", "17"]],
		["eclipse-temurin", "11.0.21_9-jre", ["eclipse-temurin", "11"]],
		["eclipse-temurin", "8u392-b08-jdk-focal", ["eclipse-temurin", "8"]],
		["alpine", "3.16", ["alpine", "3.16"]],
		["alpine", "3.16.2", ["alpine", "3.16"]],
		["debian", "bullseye", ["debian", "11"]],
		["debian", "bullseye-slim", ["debian", "11"]],
		["debian", "buster-20240110", ["debian", "10"]],
		["debian", "stretch", ["debian", "9"]],
		["debian", "11.7", ["debian", "11"]],
		["debian", "12-slim", ["debian", "12"]],
		["ubuntu", "jammy", ["ubuntu", "22.04"]],
		["ubuntu", "focal-20230605", ["ubuntu", "20.04"]],
		["ubuntu", "bionic", ["ubuntu", "18.04"]],
		["ubuntu", "xenial", ["ubuntu", "16.04"]],
		["ubuntu", "22.04", ["ubuntu", "22.04"]],
		["centos", "7", ["centos", "7"]],
		["centos", "centos7", ["centos", "7"]],
		["centos", "centos7.9.2009", ["centos", "7"]],
		["centos", "7.9.2009", ["centos", "7"]],
		["fedora", "38", ["fedora", "38"]],
		["amazonlinux", "2", ["amazonlinux", "2"]],
		["amazonlinux", "2.0.20231116.0", ["amazonlinux", "2"]],
		["amazonlinux", "2023", ["amazonlinux", "2023"]],
		["amazonlinux", "2023.2.20231113.0", ["amazonlinux", "2023"]],
		["amazonlinux", "2018.03", ["amazonlinux", "2018.03"]],
		["amazonlinux", "2018.03.0.20231218.0", ["amazonlinux", "2018.03"]],
	] {
		[name, tag, want] := case
		cycle_of(name, tag) == want
	}
}

test_tags_naming_no_cycle if {
	every case in [
		["python", ""],
		["python", "latest"],
		["python", "3"],
		["python", "3-slim"],
		["python", "slim"],
		["python", "3.99"],
		["python", "alpine3.16"],
		["node", "lts"],
		["node", "current-alpine"],
		["node", "99"],
		["golang", "1"],
		["golang", "alpine"],
		["mysql", "8"],
		["mysql", "lts"],
		["php", "8"],
		["ruby", "3"],
		["alpine", "3"],
		["alpine", "edge"],
		["debian", "stable-slim"],
		["debian", "testing"],
		["debian", "sid"],
		["debian", "forky"],
		["ubuntu", "rolling"],
		["ubuntu", "22"],
		["nginx", "mainline-alpine"],
		["nginx", "1"],
		["fedora", "rawhide"],
		["eclipse-temurin", "latest"],
		["openjdk", "22-ea-22-jdk"],
	] {
		[name, tag] := case
		not cycle_of(name, tag)
	}
}

test_alpine_suffix_of_other_images_is_not_an_alpine_version if {
	cycle_of("python", "3.12-alpine3.16") == ["python", "3.12"]
	not cycle_of("nginx", "alpine3.16")
}

test_codenames_only_for_their_product if {
	not cycle_of("python", "bullseye")
	not cycle_of("golang", "jammy")
	cycle_of("python", "3.12-bullseye") == ["python", "3.12"]
}

test_release_record if {
	eol.release(hub("library/python", "3.8-slim")) == {
		"product": "python", "label": "python", "cycle": "3.8",
		"eol": "2024-10-07", "note": "",
	}
}

test_mirrors_and_vendor_repositories if {
	eol.release(img("mirror.gcr.io", "library/python", "3.8")).cycle == "3.8"
	eol.release(img("public.ecr.aws", "docker/library/node", "16")).cycle == "16"
	eol.release(img("public.ecr.aws", "amazonlinux/amazonlinux", "2")).product == "amazonlinux"
	eol.release(img("quay.io", "centos/centos", "stream8")).cycle == "stream8"
	eol.release(img("quay.io", "fedora/fedora", "39")).cycle == "39"
	eol.release(img("registry.fedoraproject.org", "fedora", "40")).cycle == "40"
	eol.release(hub("nginxinc/nginx-unprivileged", "1.24-alpine")).product == "nginx"
}

test_unknown_repositories_not_judged if {
	not eol.release(hub("acme/python", "3.8"))
	not eol.release(img("registry.example.com", "python", "3.8"))
	not eol.release(hub("bitnami/python", "3.8"))
	not eol.release(img("gcr.io", "distroless/python3", "debug"))
}

test_unresolved_not_judged if {
	not eol.release(object.union(hub("library/python", "3.8"), {"unresolved": true, "unknown": true}))
	not eol.release(object.union(hub("library/python", "${PY}"), {"ref": "python:${PY}"}))
}

test_past if {
	r := eol.release(hub("library/python", "3.10"))
	eol.past(r, "2026-11-22")
	eol.past(r, "2026-10-31")
	not eol.past(r, "2026-10-30")
}

test_not_yet_past if {
	not eol.past(eol.release(hub("library/redis", "7.4")), "2026-11-22")
	not eol.past(eol.release(hub("library/eclipse-temurin", "8")), "2026-11-22")
	not eol.past(eol.release(hub("library/postgres", "15")), "2026-11-22")
}

test_past_on_2026_11_22 if {
	every case in [
		["python", "3.9"],
		["python", "3.10"],
		["node", "20"],
		["golang", "1.24"],
		["golang", "1.25"],
		["php", "8.1"],
		["ruby", "3.2"],
		["postgres", "14"],
		["mysql", "8.0"],
		["redis", "7.2"],
		["nginx", "1.28"],
		["alpine", "3.21"],
		["debian", "bullseye"],
		["ubuntu", "20.04"],
		["ubuntu", "25.04"],
		["centos", "7"],
		["fedora", "42"],
		["amazonlinux", "2"],
		["openjdk", "11"],
	] {
		[name, tag] := case
		eol.past(eol.release(hub(concat("/", ["library", name]), tag)), "2026-11-22")
	}
}

test_message if {
	eol.message(eol.release(hub("library/python", "3.8"))) == "python 3.8 reached end of life on 2024-10-07"
	eol.message(eol.release(hub("library/ubuntu", "bionic"))) == "ubuntu 18.04 reached end of life on 2023-05-31"
	eol.message(eol.release(hub("library/amazonlinux", "2"))) == "amazon linux 2 reached end of life on 2026-06-30"
}

test_dates_are_valid if {
	every product in eol.products {
		every date in product.cycles {
			time.parse_ns("2006-01-02", date)
		}
	}
}

test_aliases_and_codenames_point_at_cycles if {
	every product in eol.products {
		every c in object.get(product, "aliases", {}) {
			product.cycles[c]
		}
	}
	every p, names in eol.codenames {
		every v in names {
			eol.cycle(p, v)
		}
	}
}

test_every_product_has_a_repository if {
	every p, _ in eol.products {
		some product in eol.repositories
		product == p
	}
}
