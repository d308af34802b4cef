# METADATA
# description: |
#   End-of-life dates of the release cycles of common base images, and the
#   parsing of image tags into those cycles (used by IM003).
#
#   A cycle's date is the end of the vendor's free security support: for
#   Debian the end of Debian LTS, for Ubuntu the end of standard support
#   (before Expanded Security Maintenance), for languages and servers the end
#   of upstream security fixes. Where sources disagreed, the later date is
#   used, so that an image is never reported too early.
#
#   Sources (checked 2026): endoflife.date (products/*.md and its API),
#   the Debian and Ubuntu distro-info data (debian.csv, ubuntu.csv), the
#   Node.js release schedule (nodejs/Release schedule.json), ruby-lang.org
#   branches, adoptium.net support, the AWS Amazon Linux FAQs, the
#   docker-library/openjdk deprecation notice, go.dev release history.
#
#   A tag that names no version ("latest", "stable", "lts", "3" for python)
#   names no cycle and is not judged. Update the table when vendors publish
#   new cycles; a cycle that is missing is simply not judged.
package lib.eol

import data.lib.image

# products maps a product to its display label, its release cycles (cycle ->
# end-of-life date, YYYY-MM-DD), the cycles a major-only tag can only mean
# ("aliases": python:2 is 2.7 forever; python:3 moves, so it has none), and a
# note added to the message.
products := {
	"alpine": {
		"label": "alpine",
		"cycles": {
			"3.0": "2016-05-01", "3.1": "2016-11-01", "3.2": "2017-05-01", "3.3": "2017-11-01",
			"3.4": "2018-05-01", "3.5": "2018-11-01", "3.6": "2019-05-01", "3.7": "2019-11-01",
			"3.8": "2020-05-01", "3.9": "2020-11-01", "3.10": "2021-05-01", "3.11": "2021-11-01",
			"3.12": "2022-05-01", "3.13": "2022-11-01", "3.14": "2023-05-01", "3.15": "2023-11-01",
			"3.16": "2024-05-23", "3.17": "2024-11-22", "3.18": "2025-05-09", "3.19": "2025-11-01",
			"3.20": "2026-04-01", "3.21": "2026-11-01", "3.22": "2027-05-01",
		},
	},
	# End of Debian LTS.
	"debian": {
		"label": "debian",
		"cycles": {
			"6": "2016-02-29", "7": "2018-05-31", "8": "2020-06-30", "9": "2022-06-30",
			"10": "2024-06-30", "11": "2026-08-31", "12": "2028-06-30", "13": "2030-06-30",
		},
	},
	# End of standard support (ubuntu.csv "eol"), before Expanded Security Maintenance.
	"ubuntu": {
		"label": "ubuntu",
		"cycles": {
			"12.04": "2017-04-28", "12.10": "2014-05-16", "13.04": "2014-01-27", "13.10": "2014-07-17",
			"14.04": "2019-04-25", "14.10": "2015-07-23", "15.04": "2016-02-04", "15.10": "2016-07-28",
			"16.04": "2021-04-30", "16.10": "2017-07-20", "17.04": "2018-01-13", "17.10": "2018-07-19",
			"18.04": "2023-05-31", "18.10": "2019-07-18", "19.04": "2020-01-23", "19.10": "2020-07-17",
			"20.04": "2025-05-29", "20.10": "2021-07-22", "21.04": "2022-01-20", "21.10": "2022-07-14",
			"22.04": "2027-06-01", "22.10": "2023-07-20", "23.04": "2024-01-25", "23.10": "2024-07-11",
			"24.04": "2029-05-31", "24.10": "2025-07-10", "25.04": "2026-01-15", "25.10": "2026-07-09",
			"26.04": "2031-05-29",
		},
	},
	"centos": {
		"label": "centos",
		"cycles": {
			"5": "2017-03-31", "6": "2020-11-30", "7": "2024-06-30", "8": "2021-12-31",
			"stream8": "2024-05-31", "stream9": "2027-05-31",
		},
	},
	"fedora": {
		"label": "fedora",
		"cycles": {
			"28": "2019-05-28", "29": "2019-11-26", "30": "2020-05-26", "31": "2020-11-24",
			"32": "2021-05-25", "33": "2021-11-30", "34": "2022-06-07", "35": "2022-12-13",
			"36": "2023-05-16", "37": "2023-12-05", "38": "2024-05-21", "39": "2024-11-26",
			"40": "2025-05-13", "41": "2025-12-15", "42": "2026-05-28",
		},
	},
	# Amazon Linux 1 (the 20xx.xx AMIs) ended maintenance on 2023-12-31.
	"amazonlinux": {
		"label": "amazon linux",
		"cycles": {
			"1": "2023-12-31", "2016.09": "2023-12-31", "2017.03": "2023-12-31",
			"2017.09": "2023-12-31", "2018.03": "2023-12-31",
			"2": "2026-06-30", "2023": "2029-06-30",
		},
	},
	"python": {
		"label": "python",
		"cycles": {
			"2.6": "2013-10-29", "2.7": "2020-01-01",
			"3.0": "2009-06-27", "3.1": "2012-04-09", "3.2": "2016-02-20", "3.3": "2017-09-29",
			"3.4": "2019-03-18", "3.5": "2020-09-30", "3.6": "2021-12-23", "3.7": "2023-06-27",
			"3.8": "2024-10-07", "3.9": "2025-10-31", "3.10": "2026-10-31", "3.11": "2027-10-31",
			"3.12": "2028-10-31", "3.13": "2029-10-31", "3.14": "2030-10-31",
		},
		"aliases": {"2": "2.7"},
	},
	"node": {
		"label": "node",
		"cycles": {
			"0.10": "2016-10-31", "0.12": "2016-12-31",
			"4": "2018-04-30", "5": "2016-06-30", "6": "2019-04-30", "7": "2017-06-30",
			"8": "2019-12-31", "9": "2018-06-30", "10": "2021-04-30", "11": "2019-06-30",
			"12": "2022-04-30", "13": "2020-06-01", "14": "2023-04-30", "15": "2021-06-01",
			"16": "2023-09-11", "17": "2022-06-01", "18": "2025-04-30", "19": "2023-06-01",
			"20": "2026-04-30", "21": "2024-06-01", "22": "2027-04-30", "23": "2025-06-01",
			"24": "2028-04-30", "25": "2026-06-01",
		},
	},
	# A Go release is supported until the second newer release comes out.
	"golang": {
		"label": "go",
		"cycles": {
			"1.6": "2017-02-16", "1.7": "2017-08-24", "1.8": "2018-02-16", "1.9": "2018-08-24",
			"1.10": "2019-02-25", "1.11": "2019-09-03", "1.12": "2020-02-25", "1.13": "2020-08-11",
			"1.14": "2021-02-16", "1.15": "2021-08-16", "1.16": "2022-03-15", "1.17": "2022-08-02",
			"1.18": "2023-02-01", "1.19": "2023-09-06", "1.20": "2024-02-06", "1.21": "2024-08-13",
			"1.22": "2025-02-11", "1.23": "2025-08-12", "1.24": "2026-02-11", "1.25": "2026-08-19",
		},
	},
	# The openjdk image is deprecated: its GA tags got no update after July 2022.
	"openjdk": {
		"label": "openjdk",
		"cycles": {
			"6": "2022-07-31", "7": "2022-07-31", "8": "2022-07-31", "9": "2022-07-31",
			"10": "2022-07-31", "11": "2022-07-31", "12": "2022-07-31", "13": "2022-07-31",
			"14": "2022-07-31", "15": "2022-07-31", "16": "2022-07-31", "17": "2022-07-31",
			"18": "2022-07-31",
		},
		"note": ": the openjdk image is deprecated and no longer updated, use eclipse-temurin or another JDK image",
	},
	# adoptium.net "end of availability" ("at least" dates for LTS releases).
	"eclipse-temurin": {
		"label": "eclipse-temurin",
		"cycles": {
			"8": "2030-12-31", "11": "2027-10-31", "16": "2021-09-30", "17": "2027-10-31",
			"18": "2022-09-30", "19": "2023-03-31", "20": "2023-09-19", "21": "2029-12-31",
			"22": "2024-09-17", "23": "2025-03-18", "24": "2025-09-16", "25": "2031-09-30",
			"26": "2026-09-30",
		},
	},
	"php": {
		"label": "php",
		"cycles": {
			"5.2": "2011-01-06", "5.3": "2014-08-14", "5.4": "2015-09-14", "5.5": "2016-07-21",
			"5.6": "2018-12-31", "7.0": "2019-01-10", "7.1": "2019-12-01", "7.2": "2020-11-30",
			"7.3": "2021-12-06", "7.4": "2022-11-28", "8.0": "2023-11-26", "8.1": "2025-12-31",
			"8.2": "2026-12-31", "8.3": "2027-12-31", "8.4": "2028-12-31", "8.5": "2029-12-31",
		},
		"aliases": {"5": "5.6", "7": "7.4"},
	},
	"ruby": {
		"label": "ruby",
		"cycles": {
			"1.9": "2015-02-23", "2.0": "2016-02-24", "2.1": "2017-03-31", "2.2": "2018-03-31",
			"2.3": "2019-03-31", "2.4": "2020-03-31", "2.5": "2021-04-05", "2.6": "2022-04-12",
			"2.7": "2023-03-31", "3.0": "2024-04-23", "3.1": "2025-03-31", "3.2": "2026-04-01",
			"3.3": "2027-03-31", "3.4": "2028-03-31", "4.0": "2029-03-31",
		},
		"aliases": {"1": "1.9", "2": "2.7"},
	},
	# Stable (even) branches end when the next stable one is released,
	# mainline (odd) branches when the next mainline one is.
	"nginx": {
		"label": "nginx",
		"cycles": {
			"1.0": "2012-04-23", "1.2": "2013-04-24", "1.4": "2014-04-24", "1.6": "2015-04-21",
			"1.8": "2016-04-26", "1.10": "2017-04-12", "1.11": "2017-04-25", "1.12": "2018-04-17",
			"1.13": "2018-06-05", "1.14": "2019-04-23", "1.15": "2019-05-21", "1.16": "2020-04-20",
			"1.17": "2020-05-26", "1.18": "2021-04-20", "1.19": "2021-05-25", "1.20": "2022-05-24",
			"1.21": "2022-06-21", "1.22": "2023-04-11", "1.23": "2023-05-23", "1.24": "2024-04-23",
			"1.25": "2024-05-29", "1.26": "2025-04-23", "1.27": "2025-06-24", "1.28": "2026-04-14",
			"1.29": "2026-05-13",
		},
	},
	"postgres": {
		"label": "postgresql",
		"cycles": {
			"8.4": "2014-07-24", "9.0": "2015-10-08", "9.1": "2016-10-27", "9.2": "2017-11-09",
			"9.3": "2018-11-08", "9.4": "2020-02-13", "9.5": "2021-02-11", "9.6": "2021-11-11",
			"10": "2022-11-10", "11": "2023-11-09", "12": "2024-11-21", "13": "2025-11-13",
			"14": "2026-11-12", "15": "2027-11-11", "16": "2028-11-09", "17": "2029-11-08",
			"18": "2030-11-14",
		},
		"aliases": {"8": "8.4", "9": "9.6"},
	},
	# LTS releases: end of Oracle Extended Support; innovation releases: the next release.
	"mysql": {
		"label": "mysql",
		"cycles": {
			"5.5": "2018-12-31", "5.6": "2021-02-28", "5.7": "2023-10-31", "8.0": "2026-04-30",
			"8.1": "2023-10-25", "8.2": "2023-12-14", "8.3": "2024-04-10", "8.4": "2032-04-30",
			"9.0": "2024-10-15", "9.1": "2025-01-21", "9.2": "2025-04-15", "9.3": "2025-07-22",
			"9.4": "2025-10-21", "9.5": "2026-01-20", "9.6": "2026-04-21", "9.7": "2034-04-21",
		},
		"aliases": {"5": "5.7"},
	},
	"redis": {
		"label": "redis",
		"cycles": {
			"3.2": "2018-10-17", "4.0": "2020-04-30", "5.0": "2022-04-27", "6.0": "2022-05-31",
			"6.2": "2025-02-28", "7.0": "2024-07-29", "7.2": "2026-02-28", "7.4": "2026-11-30",
		},
		"aliases": {"3": "3.2", "4": "4.0", "5": "5.0", "6": "6.2", "7": "7.4"},
	},
}

# codenames map the release names used as tags to versions.
codenames := {
	"debian": {
		"squeeze": "6", "wheezy": "7", "jessie": "8", "stretch": "9",
		"buster": "10", "bullseye": "11", "bookworm": "12", "trixie": "13",
	},
	"ubuntu": {
		"precise": "12.04", "quantal": "12.10", "raring": "13.04", "saucy": "13.10",
		"trusty": "14.04", "utopic": "14.10", "vivid": "15.04", "wily": "15.10",
		"xenial": "16.04", "yakkety": "16.10", "zesty": "17.04", "artful": "17.10",
		"bionic": "18.04", "cosmic": "18.10", "disco": "19.04", "eoan": "19.10",
		"focal": "20.04", "groovy": "20.10", "hirsute": "21.04", "impish": "21.10",
		"jammy": "22.04", "kinetic": "22.10", "lunar": "23.04", "mantic": "23.10",
		"noble": "24.04", "oracular": "24.10", "plucky": "25.04", "questing": "25.10",
		"resolute": "26.04",
	},
	"node": {
		"argon": "4", "boron": "6", "carbon": "8", "dubnium": "10", "erbium": "12",
		"fermium": "14", "gallium": "16", "hydrogen": "18", "iron": "20", "jod": "22",
		"krypton": "24",
	},
	"centos": {"stream8": "stream8", "stream9": "stream9"},
}

# repositories map image repositories (as in the model: "library/" for
# Docker Official Images) to products. Official images are also recognised
# behind mirrors that keep the "library/" path.
repositories := {
	"library/alpine": "alpine",
	"library/debian": "debian",
	"library/ubuntu": "ubuntu",
	"library/centos": "centos",
	"centos/centos": "centos",
	"library/fedora": "fedora",
	"fedora/fedora": "fedora",
	"library/amazonlinux": "amazonlinux",
	"amazonlinux/amazonlinux": "amazonlinux",
	"library/python": "python",
	"library/node": "node",
	"library/golang": "golang",
	"library/openjdk": "openjdk",
	"library/eclipse-temurin": "eclipse-temurin",
	"library/php": "php",
	"library/ruby": "ruby",
	"library/nginx": "nginx",
	"nginxinc/nginx-unprivileged": "nginx",
	"library/postgres": "postgres",
	"library/mysql": "mysql",
	"library/redis": "redis",
}

# product is the product an image reference is a build of.
product(img) := repositories[repository_key(img)]

product(img) := "fedora" if {
	image.registry(img) == "registry.fedoraproject.org"
	img.repository == "fedora"
}

# repository_key is the model's repository, with the "docker/" of the
# public.ecr.aws mirror of official images removed.
repository_key(img) := trim_prefix(img.repository, "docker/") if {
	startswith(img.repository, "docker/library/")
} else := img.repository

# version is the version a tag names, or the version of the release name it
# starts with: "3.12-slim-bookworm" is "3.12", "bullseye-slim" (debian) is
# "11", "hydrogen-alpine" (node) is "18", "centos7.9.2009" is "7.9.2009".
# It is undefined for tags that name no version ("latest", "stable").
version(p, tag) := v if {
	v := codenames[p][split(tag, "-")[0]]
} else := v if {
	segments := split(tag, "-")
	segments[0] == "lts"
	v := codenames[p][segments[1]]
} else := v if {
	v := regex.find_n(`^[0-9]+(\.[0-9]+)*`, trim_prefix(tag, tag_prefix(p)), 1)[0]
}

tag_prefix(p) := "centos" if {
	p == "centos"
} else := ""

# cycle is the release cycle of version v of product p: its major.minor, or
# its major, whichever the table lists; a bare major only where it can mean
# a single cycle.
cycle(p, v) := c if {
	parts := split(v, ".")
	count(parts) >= 2
	c := concat(".", [parts[0], parts[1]])
	products[p].cycles[c]
} else := c if {
	c := split(v, ".")[0]
	products[p].cycles[c]
} else := products[p].aliases[v] if {
	not contains(v, ".")
}

# release is the release cycle an image reference names:
# {"product": "python", "label": "python", "cycle": "3.8", "eol": "2024-10-07"}.
release(img) := r if {
	not image.unknown(img)
	p := product(img)
	v := version(p, image.tag(img))
	c := cycle(p, v)
	r := {
		"product": p,
		"label": products[p].label,
		"cycle": c,
		"eol": products[p].cycles[c],
		"note": object.get(products[p], "note", ""),
	}
}

# past is true when the release's end of life is on or before today
# (data.hardline.config.today, "YYYY-MM-DD"). Without a date nothing is past.
past(r, today) if time.parse_ns("2006-01-02", today) >= time.parse_ns("2006-01-02", r.eol)

# message says which release reached its end of life, and when.
message(r) := sprintf("%s %s reached end of life on %s%s", [r.label, r.cycle, r.eol, r.note])
