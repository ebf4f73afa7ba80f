package render

import (
	"fmt"
	"io"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/djsec/djsec/internal/report"
)

// SARIF 2.1.0, shaped for GitHub code scanning: rules with help and helpUri,
// CWE tags, security-severity, partialFingerprints and codeFlows.

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool             `json:"tool"`
	Results     []sarifResult         `json:"results"`
	Invocations []sarifInvocation     `json:"invocations,omitempty"`
	BaseIDs     map[string]sarifArtif `json:"originalUriBaseIds,omitempty"`
	Properties  map[string]any        `json:"properties,omitempty"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifText struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown,omitempty"`
}

type sarifRule struct {
	ID               string         `json:"id"`
	Name             string         `json:"name"`
	ShortDescription sarifText      `json:"shortDescription"`
	FullDescription  sarifText      `json:"fullDescription"`
	Help             sarifText      `json:"help"`
	HelpURI          string         `json:"helpUri"`
	Default          sarifConfig    `json:"defaultConfiguration"`
	Properties       map[string]any `json:"properties"`
}

type sarifConfig struct {
	Level string `json:"level"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	RuleIndex           int               `json:"ruleIndex"`
	Level               string            `json:"level"`
	Message             sarifText         `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	CodeFlows           []sarifCodeFlow   `json:"codeFlows,omitempty"`
	Properties          map[string]any    `json:"properties,omitempty"`
}

type sarifLocation struct {
	Physical *sarifPhysical `json:"physicalLocation,omitempty"`
	Message  *sarifText     `json:"message,omitempty"`
}

type sarifPhysical struct {
	Artifact sarifArtif   `json:"artifactLocation"`
	Region   *sarifRegion `json:"region,omitempty"`
}

type sarifArtif struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn,omitempty"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

type sarifCodeFlow struct {
	ThreadFlows []sarifThreadFlow `json:"threadFlows"`
}

type sarifThreadFlow struct {
	Locations []sarifThreadFlowLocation `json:"locations"`
}

type sarifThreadFlowLocation struct {
	Location sarifLocation `json:"location"`
}

type sarifInvocation struct {
	ExecutionSuccessful bool                `json:"executionSuccessful"`
	Notifications       []sarifNotification `json:"toolExecutionNotifications,omitempty"`
}

type sarifNotification struct {
	Level     string          `json:"level"`
	Message   sarifText       `json:"message"`
	Locations []sarifLocation `json:"locations,omitempty"`
}

// SARIFOptions place the results in the repository the log is uploaded for.
type SARIFOptions struct {
	// PathPrefix is put before every path (with a "/"): the scanned
	// folder's place in its repository, since code scanning reads paths
	// from the repository root ("backend/" when backend/ was scanned).
	PathPrefix string
	// SrcRoot is the absolute folder the prefixed paths are relative to (the
	// repository's work tree), given as the %SRCROOT% base; "" leaves it
	// out unless the report's target is an absolute path.
	SrcRoot string
}

// WriteSARIF writes the report as a SARIF 2.1.0 log. rules describes every
// rule that ran, so that consumers can show help for rules with no results.
//
// Live findings (a URL, no file) get a repository-relative path made of the
// URL's host and path (shop.example.com_8443/admin/login/), because code
// scanning rejects a log whose locations are not paths; the URL itself is
// in the message and in the result's "url" property.
func WriteSARIF(w io.Writer, r *report.Report, rules []report.RuleInfo, opts SARIFOptions) error {
	sp := sarifPaths{prefix: strings.Trim(strings.ReplaceAll(opts.PathPrefix, "\\", "/"), "/")}
	rules = append([]report.RuleInfo(nil), rules...)
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
	index := map[string]int{}
	driver := sarifDriver{Name: r.Tool.Name, Version: r.Tool.Version, InformationURI: "https://github.com/djsec/djsec", Rules: []sarifRule{}}
	for i, ri := range rules {
		index[ri.ID] = i
		driver.Rules = append(driver.Rules, sarifRuleOf(ri))
	}
	run := sarifRun{Tool: sarifTool{Driver: driver}, Results: []sarifResult{}}
	switch {
	case opts.SrcRoot != "":
		run.BaseIDs = map[string]sarifArtif{"%SRCROOT%": {URI: "file://" + toURIPath(opts.SrcRoot)}}
	case strings.HasPrefix(r.Target, "/") && sp.prefix == "": // a relative target would make a wrong file URI
		run.BaseIDs = map[string]sarifArtif{"%SRCROOT%": {URI: "file://" + toURIPath(r.Target)}}
	}

	run.Invocations = []sarifInvocation{sp.invocation(r)}
	if len(r.Grades) > 0 {
		// SARIF has no place for a site's grades; a property bag keeps them
		// with the run for tools that read djsec's output.
		run.Properties = map[string]any{"grades": r.Grades}
	}
	log := sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}}
	// the results are made one at a time as they are written
	return writeStreamed(w, log, "results", len(r.Findings), func(i int) any { return sp.result(r.Findings[i], index) })
}

func sarifRuleOf(ri report.RuleInfo) sarifRule {
	tags := []string{"security"}
	for _, c := range ri.CWE {
		tags = append(tags, fmt.Sprintf("external/cwe/cwe-%d", c))
	}
	return sarifRule{
		ID: ri.ID, Name: ri.Name,
		ShortDescription: sarifText{Text: ri.Title},
		FullDescription:  sarifText{Text: ri.Title},
		Help:             sarifText{Text: ri.Help, Markdown: ri.Help},
		HelpURI:          ri.HelpURI,
		Default:          sarifConfig{Level: sarifLevel(ri.Severity)},
		Properties: map[string]any{
			"tags":              tags,
			"precision":         sarifPrecision(ri.Confidence),
			"security-severity": securitySeverity(ri.Severity),
			"checklist":         ri.Checklist,
		},
	}
}

// sarifPaths turns locations into artifact URIs.
type sarifPaths struct {
	prefix string
}

func (sp sarifPaths) result(f report.Finding, index map[string]int) sarifResult {
	msg := f.Message
	if f.Location.URL != "" && !strings.Contains(msg, f.Location.URL) {
		msg += " (" + f.Location.URL + ")"
	}
	res := sarifResult{
		RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel(f.Severity),
		Message:             sarifText{Text: msg + " Fix: " + f.Fix},
		Locations:           []sarifLocation{sp.location(f.Location, "")},
		PartialFingerprints: map[string]string{"djsecFingerprint/v1": f.Fingerprint},
		Properties:          map[string]any{"severity": f.Severity.String(), "confidence": f.Confidence.String()},
	}
	if f.Settings != "" {
		res.Properties["settings"] = f.Settings
	}
	if f.Location.URL != "" {
		res.Properties["url"] = f.Location.URL
	}
	for k, v := range f.Properties {
		res.Properties[k] = v
	}
	if len(f.Flow) > 0 {
		var tf sarifThreadFlow
		for _, st := range f.Flow {
			tf.Locations = append(tf.Locations, sarifThreadFlowLocation{Location: sp.location(st.Location, st.Message)})
		}
		res.CodeFlows = []sarifCodeFlow{{ThreadFlows: []sarifThreadFlow{tf}}}
	}
	return res
}

func (sp sarifPaths) location(l report.Location, msg string) sarifLocation {
	loc := sarifLocation{Physical: &sarifPhysical{}}
	if msg != "" {
		loc.Message = &sarifText{Text: msg}
	}
	if l.URL != "" {
		loc.Physical.Artifact = sarifArtif{URI: sp.join(livePath(l.URL)), URIBaseID: "%SRCROOT%"}
		return loc
	}
	loc.Physical.Artifact = sarifArtif{URI: sp.join(l.Path), URIBaseID: "%SRCROOT%"}
	if l.Line > 0 {
		loc.Physical.Region = &sarifRegion{StartLine: l.Line, StartColumn: l.Column, EndLine: l.EndLine, EndColumn: l.EndColumn}
	}
	return loc
}

func (sp sarifPaths) join(p string) string {
	switch {
	case sp.prefix == "":
		return p
	case p == "" || p == ".":
		return sp.prefix
	}
	return sp.prefix + "/" + p
}

// livePath makes a repository-relative file path of a URL: its host, with
// the port after an underscore, and its path without the trailing slash,
// query or fragment (https://shop.example.com:8443/admin/login/?next=/
// becomes shop.example.com_8443/admin/login, the site's root the host
// alone).
func livePath(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return "live/" + strings.NewReplacer(":", "_", "?", "_", "#", "_", "/", "_").Replace(raw)
	}
	host := strings.ReplaceAll(u.Host, ":", "_")
	p := strings.TrimPrefix(path.Clean("/"+u.EscapedPath()), "/")
	if p == "" {
		return host
	}
	return host + "/" + p
}

func (sp sarifPaths) invocation(r *report.Report) sarifInvocation {
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, p := range r.Problems {
		n := sarifNotification{Level: "warning", Message: sarifText{Text: p.Message}}
		if p.Location.Path != "" || p.Location.URL != "" {
			n.Locations = []sarifLocation{sp.location(p.Location, "")}
		}
		inv.Notifications = append(inv.Notifications, n)
	}
	// Notes say what the run chose to leave out (links out of the tree, a
	// configuration in the tree turning rules off): a SARIF reader must see
	// them as a reader of the other formats does.
	for _, note := range r.Notes {
		inv.Notifications = append(inv.Notifications, sarifNotification{Level: "note", Message: sarifText{Text: note}})
	}
	return inv
}

func sarifLevel(s report.Severity) string {
	switch s {
	case report.Critical, report.High:
		return "error"
	case report.Medium:
		return "warning"
	}
	return "note"
}

func sarifPrecision(c report.Confidence) string {
	switch c {
	case report.HighConfidence:
		return "high"
	case report.MediumConfidence:
		return "medium"
	}
	return "low"
}

// securitySeverity maps severities onto GitHub's 0-10 scale (critical >= 9,
// high >= 7, medium >= 4).
func securitySeverity(s report.Severity) string {
	switch s {
	case report.Critical:
		return "9.5"
	case report.High:
		return "8.0"
	case report.Medium:
		return "5.5"
	case report.Low:
		return "3.0"
	}
	return "1.0"
}

func toURIPath(p string) string {
	p = strings.ReplaceAll(p, "\\", "/")
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return p
}
