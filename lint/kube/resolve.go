package kube

import (
	"encoding/base64"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"sigs.k8s.io/kustomize/kyaml/yaml"
)

// Scalars resolve as kubectl reads them: sigs.k8s.io/yaml decodes YAML with
// go-yaml v2, which follows YAML 1.1 (yes, on, y are true; 0755 is octal;
// !!binary is decoded), and then converts the result to JSON. yaml.v3,
// which parses the file here for its positions, resolves YAML 1.2 instead,
// so the node's resolved tag is not used; only its style and an explicit
// tag are.

// scalarKind is the type a scalar resolves to.
type scalarKind int

const (
	kindString scalarKind = iota
	kindNull
	kindBool
	kindInt   // text holds the decimal digits, exact
	kindFloat // num holds the value
)

// scalarValue is a resolved scalar.
type scalarValue struct {
	kind scalarKind
	text string // the string, or the integer in decimal
	b    bool
	num  float64
}

// YAML tags, short form.
const (
	tagBinary    = "!!binary"
	tagTimestamp = "!!timestamp"
)

// yamlStyleFloat is the float syntax go-yaml v2 accepts after digits or a sign.
var yamlStyleFloat = regexp.MustCompile(`^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`)

// hint classifies the first character of a plain scalar as go-yaml v2
// does: 0 means the scalar is a string whatever follows.
func hint(s string) byte {
	if s == "" {
		return 'N'
	}
	switch c := s[0]; {
	case c == '+' || c == '-':
		return 'S'
	case c >= '0' && c <= '9':
		return 'D'
	case c == '.':
		return '.'
	case strings.IndexByte("yYnNtTfFoO~", c) >= 0:
		return 'M'
	}
	return 0
}

// plainWord resolves the YAML 1.1 words go-yaml v2 knows.
func plainWord(s string) (scalarValue, bool) {
	switch s {
	case "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON":
		return scalarValue{kind: kindBool, b: true}, true
	case "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF":
		return scalarValue{kind: kindBool}, true
	case "", "~", "null", "Null", "NULL":
		return scalarValue{kind: kindNull}, true
	case ".nan", ".NaN", ".NAN":
		return scalarValue{kind: kindFloat, num: math.NaN()}, true
	case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF":
		return scalarValue{kind: kindFloat, num: math.Inf(1)}, true
	case "-.inf", "-.Inf", "-.INF":
		return scalarValue{kind: kindFloat, num: math.Inf(-1)}, true
	}
	return scalarValue{}, false
}

// isTimestamp reports whether go-yaml v2 reads s as a timestamp (in one of
// the layouts it accepts); decoded into an untyped value, a timestamp stays
// the string as written.
func isTimestamp(s string) bool {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i != 4 || i == len(s) || s[i] != '-' {
		return false
	}
	for _, layout := range [...]string{
		"2006-1-2T15:4:5.999999999Z07:00",
		"2006-1-2t15:4:5.999999999Z07:00",
		"2006-1-2 15:4:5.999999999",
		"2006-1-2",
	} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// resolveText resolves the text of a scalar as go-yaml v2 does for the
// given short tag ("" for a plain scalar without a tag) and returns the tag
// it resolved to.
func resolveText(tag, in string) (v scalarValue, rtag string) {
	h := hint(in)
	if h != 0 && tag != tagStr {
		if w, ok := plainWord(in); ok {
			return w, kindTag(w.kind)
		}
		switch h {
		case '.':
			if f, err := strconv.ParseFloat(in, 64); err == nil {
				return scalarValue{kind: kindFloat, num: f}, tagFloat
			}
		case 'D', 'S':
			if (tag == "" || tag == tagTimestamp) && isTimestamp(in) {
				return scalarValue{text: in}, tagTimestamp
			}
			plain := strings.ReplaceAll(in, "_", "")
			if i, err := strconv.ParseInt(plain, 0, 64); err == nil {
				return scalarValue{kind: kindInt, text: strconv.FormatInt(i, 10)}, tagInt
			}
			if u, err := strconv.ParseUint(plain, 0, 64); err == nil {
				return scalarValue{kind: kindInt, text: strconv.FormatUint(u, 10)}, tagInt
			}
			if yamlStyleFloat.MatchString(plain) {
				if f, err := strconv.ParseFloat(plain, 64); err == nil {
					return scalarValue{kind: kindFloat, num: f}, tagFloat
				}
			}
			if rest, ok := strings.CutPrefix(plain, "0b"); ok {
				if i, err := strconv.ParseInt(rest, 2, 64); err == nil {
					return scalarValue{kind: kindInt, text: strconv.FormatInt(i, 10)}, tagInt
				}
				if u, err := strconv.ParseUint(rest, 2, 64); err == nil {
					return scalarValue{kind: kindInt, text: strconv.FormatUint(u, 10)}, tagInt
				}
			} else if rest, ok := strings.CutPrefix(plain, "-0b"); ok {
				if i, err := strconv.ParseInt("-"+rest, 2, 64); err == nil {
					return scalarValue{kind: kindInt, text: strconv.FormatInt(i, 10)}, tagInt
				}
			}
		}
	}
	return scalarValue{text: in}, tagStr
}

func kindTag(k scalarKind) string {
	switch k {
	case kindNull:
		return tagNull
	case kindBool:
		return tagBool
	case kindInt:
		return tagInt
	case kindFloat:
		return tagFloat
	case kindString:
	}
	return tagStr
}

// resolveScalar resolves scalar node n as kubectl reads it. An error says
// why kubectl would refuse the value; v is then the text as a string.
func resolveScalar(n *yaml.Node) (scalarValue, error) {
	if n.Style&yaml.TaggedStyle == 0 {
		if n.Style&quotedStyles() != 0 {
			return scalarValue{text: n.Value}, nil
		}
		v, _ := resolveText("", n.Value)
		return v, nil
	}
	tag := n.Tag
	switch tag {
	case tagStr:
		return scalarValue{text: n.Value}, nil
	case tagBinary:
		b, err := base64.StdEncoding.DecodeString(n.Value)
		if err != nil {
			return scalarValue{text: n.Value}, fmt.Errorf("!!binary value contains invalid base64 data")
		}
		return scalarValue{text: validUTF8(b)}, nil
	case tagBool, tagInt, tagFloat, tagNull, tagTimestamp:
	default:
		// Other tags (custom ones, !!map, !!seq on a scalar) leave the text.
		return scalarValue{text: n.Value}, nil
	}
	v, rtag := resolveText(tag, n.Value)
	switch {
	case rtag == tag:
		return v, nil
	case tag == tagFloat && rtag == tagInt:
		f, err := strconv.ParseFloat(v.text, 64)
		if err != nil {
			break
		}
		return scalarValue{kind: kindFloat, num: f}, nil
	}
	return scalarValue{text: n.Value}, fmt.Errorf("cannot decode %s `%s` as a %s", rtag, n.Value, tag)
}

// floatText returns the shortest text that reads back as the same float64.
func floatText(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

// finite reports whether the float can be a JSON number.
func finite(f float64) bool { return !math.IsInf(f, 0) && !math.IsNaN(f) }

// keyText returns the object key a resolved scalar becomes in the JSON
// sigs.k8s.io/yaml writes, or an error for keys it refuses.
func keyText(v scalarValue) (string, error) {
	switch v.kind {
	case kindString:
		return v.text, nil
	case kindBool:
		return strconv.FormatBool(v.b), nil
	case kindInt:
		if _, err := strconv.ParseInt(v.text, 10, 64); err != nil {
			return v.text, fmt.Errorf("the key %s is too large a number", v.text)
		}
		return v.text, nil
	case kindFloat:
		s := strconv.FormatFloat(v.num, 'g', -1, 32)
		switch s {
		case "+Inf":
			s = ".inf"
		case "-Inf":
			s = "-.inf"
		case "NaN":
			s = ".nan"
		}
		return s, nil
	case kindNull:
	}
	return "null", fmt.Errorf("a mapping key must not be null")
}

// quotedStyles are the styles of scalars that are strings without a tag.
func quotedStyles() yaml.Style {
	return yaml.DoubleQuotedStyle | yaml.SingleQuotedStyle | yaml.LiteralStyle | yaml.FoldedStyle
}

// validUTF8 returns b as a string with each byte that is not valid UTF-8
// replaced by U+FFFD, as encoding/json writes it.
func validUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	for len(b) > 0 {
		r, w := utf8.DecodeRune(b)
		if r == utf8.RuneError && w <= 1 {
			sb.WriteRune(utf8.RuneError)
		} else {
			sb.Write(b[:w])
		}
		b = b[w:]
	}
	return sb.String()
}
