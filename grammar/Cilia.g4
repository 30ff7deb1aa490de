// The Cilia policy language. The parse tree is turned into dev.cilia.syntax AST records by
// AstBuilder; nothing outside dev.cilia.syntax sees these generated classes.
grammar Cilia;

file : topLevel* EOF ;

topLevel
  : CILIUM version=WORD                                        # ciliumDecl
  | IMPORT path=STRING                                         # importDecl
  | LET name=word EQ letValue                                  # letDecl
  | RESOLVER peerExpr                                          # topResolver
  | POLICY name=word IN NAMESPACE namespace=word body          # policyDecl
  | CLUSTERWIDE POLICY name=word body                          # clusterwideDecl
  | TEST title=STRING FOR PODS selector IN NAMESPACE namespace=word
      LBRACE expectStmt* RBRACE                                # testDecl
  | MONITORING LBRACE monitoringSetting* RBRACE                # monitoringDecl
  ;

// `monitoring { … }`: one setting a line, NAME VALUE[, VALUE…]; the checker knows the names.
monitoringSetting : name=word monitoringValue (COMMA monitoringValue)* ;

monitoringValue
  : key=word EQ labelValue                                     # pairValue
  | word                                                       # wordValue
  | STRING                                                     # stringValue
  ;

letValue
  : peerExpr
  | serviceList
  ;

body : LBRACE statement* RBRACE ;

statement
  : DESCRIPTION text=STRING                                    # descriptionStmt
  | LABEL key=word EQ value=labelValue                         # labelStmt
  | SELECT NAMESPACE namespace=word (PODS selector)?           # selectNamespaceStmt
  | SELECT NAMESPACES selector                                 # selectNamespacesStmt
  | SELECT selector                                            # selectStmt
  | ENFORCE (EGRESS | INGRESS | DNS)?                          # enforceStmt
  | OBSERVE DNS STRING (COMMA STRING)*                         # observeDnsStmt
  | OBSERVE HTTP ON portList ((TO | FROM) peerExpr)?           # observeHttpStmt
  | (ALLOW | DENY) serviceList? (TO | FROM) peerExpr           # ruleStmt
  | RESOLVER peerExpr                                          # resolverStmt
  ;

portList : WORD (COMMA WORD)* ;

serviceList : serviceItem (COMMA serviceItem)* ;

serviceItem
  : protocol WORD                                              # protocolPorts
  | FTP (PASSIVE range=WORD)?                                  # ftpService
  | (WORD | HTTP | DNS | MONITORING)                           # namedService
  ;

protocol : TCP | UDP | SCTP | ANY ;

peerExpr : peer (OR peer)* ;

peer
  : NAMESPACE word                                             # namespacePeer
  | PODS selector (IN NAMESPACE namespace=word)?               # podsPeer
  | NAMESPACES selector                                        # namespacesPeer
  | CIDR prefix=WORD (EXCEPT WORD (COMMA WORD)*)?              # cidrPeer
  | IP address=WORD                                            # ipPeer
  | FQDN STRING                                                # fqdnPeer
  | ENTITY word                                                # entityPeer
  | SERVICE name=word IN NAMESPACE namespace=word              # servicePeer
  | (WORD | MONITORING)                                        # namedPeer
  ;

selector : term (COMMA term)* ;

term
  : key=word (EQ | EQEQ) labelValue                            # equalsTerm
  | key=word NEQ labelValue                                    # notEqualsTerm
  | key=word IN LPAREN labelValue (COMMA labelValue)* RPAREN   # inTerm
  | key=word NOTIN LPAREN labelValue (COMMA labelValue)* RPAREN # notInTerm
  | BANG key=word                                              # notExistsTerm
  | key=word                                                   # existsTerm
  ;

labelValue : word | STRING ;

expectStmt
  : EXPECT VISIBLE DNS STRING                                  # expectDns
  | EXPECT verdict=(ALLOW | DENY | VISIBLE) serviceList (TO | FROM) testTarget # expectFlow
  ;

testTarget
  : IP address=WORD                                            # ipTarget
  | FQDN STRING                                                # fqdnTarget
  | PODS selector IN NAMESPACE namespace=word                  # podsTarget
  | (WORD | MONITORING)                                        # namedTarget
  ;

// Keywords are reserved where they start a construct, but any keyword may serve as a label key,
// label value, namespace or policy name. `monitoring` starts a declaration only at the top level
// and stays usable as a `let` name.
word
  : WORD
  | CILIUM | IMPORT | LET | RESOLVER | POLICY | CLUSTERWIDE | IN | NAMESPACE | NAMESPACES | PODS
  | TEST | FOR | EXPECT | DESCRIPTION | LABEL | SELECT | ENFORCE | EGRESS | INGRESS | OBSERVE
  | DNS | HTTP | ON | ALLOW | DENY | VISIBLE | TO | FROM | OR | EXCEPT | CIDR | IP | FQDN
  | ENTITY | SERVICE | FTP | PASSIVE | TCP | UDP | SCTP | ANY | NOTIN | MONITORING
  ;

CILIUM      : 'cilium' ;
IMPORT      : 'import' ;
LET         : 'let' ;
RESOLVER    : 'resolver' ;
POLICY      : 'policy' ;
CLUSTERWIDE : 'clusterwide' ;
IN          : 'in' ;
NOTIN       : 'notin' ;
NAMESPACE   : 'namespace' ;
NAMESPACES  : 'namespaces' ;
PODS        : 'pods' ;
TEST        : 'test' ;
MONITORING  : 'monitoring' ;
FOR         : 'for' ;
EXPECT      : 'expect' ;
DESCRIPTION : 'description' ;
LABEL       : 'label' ;
SELECT      : 'select' ;
ENFORCE     : 'enforce' ;
EGRESS      : 'egress' ;
INGRESS     : 'ingress' ;
OBSERVE     : 'observe' ;
DNS         : 'dns' ;
HTTP        : 'http' ;
ON          : 'on' ;
ALLOW       : 'allow' ;
DENY        : 'deny' ;
VISIBLE     : 'visible' ;
TO          : 'to' ;
FROM        : 'from' ;
OR          : 'or' ;
EXCEPT      : 'except' ;
CIDR        : 'cidr' ;
IP          : 'ip' ;
FQDN        : 'fqdn' ;
ENTITY      : 'entity' ;
SERVICE     : 'service' ;
FTP         : 'ftp' ;
PASSIVE     : 'passive' ;
TCP         : 'tcp' ;
UDP         : 'udp' ;
SCTP        : 'sctp' ;
ANY         : 'any' ;

LBRACE : '{' ;
RBRACE : '}' ;
LPAREN : '(' ;
RPAREN : ')' ;
COMMA  : ',' ;
EQEQ   : '==' ;
EQ     : '=' ;
NEQ    : '!=' ;
BANG   : '!' ;

// Names, numbers, port ranges, versions, CIDRs and IP addresses share one token; the AST builder
// and the checker say which one a word must be.
WORD : [A-Za-z0-9_:] [A-Za-z0-9_.:/\-]* ;

STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* '"' ;
UNTERMINATED_STRING : '"' ( '\\' ~[\r\n] | ~["\\\r\n] )* ;

COMMENT : '#' ~[\r\n]* -> channel(HIDDEN) ;
WS      : [ \t\r\n\f]+ -> channel(HIDDEN) ;

INVALID : . ;
